// Single instance for `picotorrent gui`: a second start hands its arguments to the running
// GUI over a Unix socket in the state dir (the gui plugin listens there; user-only mode).
#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace pico::app {

/// The socket the running GUI listens on: <state-dir>/gui.sock.
std::filesystem::path gui_socket_path(std::filesystem::path const& state_dir);

/// What became of a hand-over.
enum class handoff_result {
    handed_over,      ///< a running GUI took the arguments: this process may exit
    nobody_listening, ///< no GUI (or a stale socket file): this process becomes the GUI
    no_answer,        ///< something listens but did not take them in time (a hung GUI)
};

/// How long a running GUI gets to answer; it only queues the arguments, so this is generous.
inline constexpr std::chrono::seconds gui_handoff_timeout{5};

/// Sends `arguments` to a running GUI, waiting at most `timeout` for it to take them.
handoff_result hand_over_to_running_gui(std::filesystem::path const& socket,
                                        std::vector<std::string> const& arguments,
                                        std::chrono::milliseconds timeout = gui_handoff_timeout);

} // namespace pico::app
