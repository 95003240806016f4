// The exit codes of every command, as documented in app/command.hpp.
#pragma once

namespace pico {

/// Success.
inline constexpr int exit_ok = 0;
/// Failure at run time (I/O, hashing, a peer or the network).
inline constexpr int exit_failure = 1;
/// Bad input: usage, a missing or corrupt file, a bad config.
inline constexpr int exit_bad_input = 2;

} // namespace pico
