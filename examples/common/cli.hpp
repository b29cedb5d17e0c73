// What every example's main() shares: key=value output, CLI11 parsing with the examples' exit
// codes (0 after --help, 2 for bad input, reported as one line on stderr), the catch of
// noneq::domain_error around the work, and CLI11 validators the option tables reuse.
#pragma once

#include <noneq/core/error.hpp>
#include <noneq/integrate/guarded.hpp>

#include <CLI/CLI.hpp>

#include <cmath>
#include <cstdio>
#include <exception>
#include <stdexcept>
#include <string>
#include <utility>

namespace noneq_example {

/// Print one `key=value` line; numbers with 12 significant digits.
inline void kv(const char* key, double value) {
    std::printf("%s=%.12g\n", key, value);
}
inline void kv(const char* key, const char* value) {
    std::printf("%s=%s\n", key, value);
}
inline void kv(const char* key, const std::string& value) {
    kv(key, value.c_str());
}

/// A bad command-line value found after parsing; its message names the argument and the allowed
/// range. run() reports it as one line on stderr with exit code 2.
struct usage_error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

namespace detail {
inline void report(const char* program, const char* what, const char* suffix = "") {
    if (program != nullptr)
        std::fprintf(stderr, "%s: %s%s\n", program, what, suffix);
    else
        std::fprintf(stderr, "%s%s\n", what, suffix);
}
} // namespace detail

/// Parse the command line, then run `check()`, which may throw a CLI::ParseError (e.g.
/// CLI::ValidationError) for a combination of options CLI11 cannot express. Returns -1 to go on,
/// or the exit code main() should return: 0 after --help (printed by CLI11), 2 after a parse
/// error, reported on stderr as one line "<program>: <error> (see --help)", or just "<error>"
/// when program is nullptr.
template <class Check>
int parse(CLI::App& app, int argc, char** argv, const char* program, Check&& check) {
    try {
        app.parse(argc, argv);
        std::forward<Check>(check)();
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        detail::report(program, e.what(), program != nullptr ? " (see --help)" : "");
        return 2;
    }
    return -1;
}
inline int parse(CLI::App& app, int argc, char** argv, const char* program) {
    return parse(app, argc, argv, program, [] {});
}

/// Run the example's work, `int body()` returning the exit code. A usage_error, a
/// noneq::domain_error or a CLI11 error thrown by the work becomes one line on stderr,
/// "<program>: <message>" (just "<message>" without a program), and exit code 2. An
/// integration that stopped (noneq::integration_error) is reported the same way, exit code 1.
template <class F>
int run(const char* program, F&& body) {
    try {
        return std::forward<F>(body)();
    } catch (const usage_error& e) {
        detail::report(program, e.what());
    } catch (const noneq::domain_error& e) {
        detail::report(program, e.what());
    } catch (const CLI::Error& e) {
        detail::report(program, e.what());
    } catch (const noneq::integration_error& e) {
        detail::report(program, e.what());
        return 1;
    }
    return 2;
}
template <class F>
int run(F&& body) {
    return run(nullptr, std::forward<F>(body));
}

/// A CLI11 check: the value is a finite number > 0 ("POSITIVE" in --help).
inline CLI::Validator positive_finite() {
    return CLI::Validator(
        [](std::string& in) -> std::string {
            try {
                const double x = std::stod(in);
                if (x > 0 && std::isfinite(x)) return {};
            } catch (const std::exception&) {
            }
            return "value " + in + " is outside the allowed range (> 0, finite)";
        },
        "POSITIVE");
}

} // namespace noneq_example
