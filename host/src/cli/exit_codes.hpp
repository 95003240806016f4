// Exit codes of the session-less commands, as documented in app/command.hpp.
#pragma once

namespace pico::cli {

/// Success.
inline constexpr int exit_ok = 0;
/// Failure at run time (I/O, hashing).
inline constexpr int exit_failure = 1;
/// Bad input: usage, missing or corrupt file.
inline constexpr int exit_bad_input = 2;

} // namespace pico::cli
