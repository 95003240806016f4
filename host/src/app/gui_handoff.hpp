// Single instance for `picotorrent gui`: a second start hands its arguments to the running
// GUI over a Unix socket in the state dir (the gui plugin listens there; user-only mode).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace pico::app {

/// The socket the running GUI listens on: <state-dir>/gui.sock.
std::filesystem::path gui_socket_path(std::filesystem::path const& state_dir);

/// Sends `arguments` to a running GUI. True when one took them (this process may exit);
/// false when none is listening (start one).
bool hand_over_to_running_gui(std::filesystem::path const& socket, std::vector<std::string> const& arguments);

} // namespace pico::app
