// tests/support/bad_input.hpp — bad-input checks that name the argument:
//
//   CHECK(rejects([&] { nernst(0, 10.0_mM, 140.0_mM, T); }) == "z");
//
// rejects(f) runs f and returns the argument named by the noneq::domain_error it throws (or its
// message when it names none), "<no exception>" when it returns, and "<other exception: ...>"
// for any other exception: a check passes only for the right error about the right argument.
#pragma once

#include <noneq/core/error.hpp>

#include <exception>
#include <string>

namespace noneq::test {

template <class F>
std::string rejects(F&& f) {
    try {
        f();
    } catch (const noneq::domain_error& e) {
        return e.argument().empty() ? std::string(e.what()) : e.argument();
    } catch (const std::exception& e) {
        return std::string("<other exception: ") + e.what() + ">";
    }
    return "<no exception>";
}

} // namespace noneq::test
