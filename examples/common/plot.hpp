// How the examples draw their optional PNG: a scratch directory for the plot's data and script
// (removed when done) and one gnuplot run, with a note on stderr when gnuplot is missing or
// fails. What the example then returns is its own choice; the run's results never depend on it.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

namespace noneq_example {

/// A fresh directory below the system's temporary directory, removed with everything in it when
/// the object goes out of scope.
class scratch_dir {
public:
    explicit scratch_dir(const std::string& stem)
        : path_(std::filesystem::temp_directory_path() /
                (stem + "-" + std::to_string(std::random_device{}()))) {
        std::filesystem::create_directories(path_);
    }
    ~scratch_dir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    scratch_dir(const scratch_dir&) = delete;
    scratch_dir& operator=(const scratch_dir&) = delete;

    /// A file in the directory, as a string for gnuplot scripts and ofstreams.
    std::string file(const std::string& name) const { return (path_ / name).string(); }

private:
    std::filesystem::path path_;
};

enum class plot_status { written, no_gnuplot, failed };

/// Runs gnuplot on `script` (its whole text; the terminal and output are the script's). On a
/// missing or failing gnuplot, prints "<program>: ..." on stderr and says which.
inline plot_status gnuplot(const char* program, const std::string& script) {
    if (std::system("command -v gnuplot > /dev/null 2>&1") != 0) {
        std::fprintf(stderr,
                     "%s: gnuplot not found; --png skipped (Debian: apt-get install gnuplot-nox)\n",
                     program);
        return plot_status::no_gnuplot;
    }
    const scratch_dir dir(program);
    const std::string path = dir.file("plot.gp");
    {
        std::ofstream g(path);
        g << script;
    }
    const int rc = std::system(("gnuplot '" + path + "'").c_str());
    if (rc != 0) {
        std::fprintf(stderr, "%s: gnuplot failed (exit %d); --png skipped\n", program, rc);
        return plot_status::failed;
    }
    return plot_status::written;
}

} // namespace noneq_example
