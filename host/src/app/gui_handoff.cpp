#include "app/gui_handoff.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>

namespace pico::app {

std::filesystem::path gui_socket_path(std::filesystem::path const& state_dir)
{
    return state_dir / "gui.sock";
}

bool hand_over_to_running_gui(std::filesystem::path const& socket, std::vector<std::string> const& arguments)
{
    namespace local = boost::asio::local;
    boost::asio::io_context io;
    local::stream_protocol::socket s(io);
    boost::system::error_code ec;
    s.connect(local::stream_protocol::endpoint(socket.string()), ec);
    if (ec)
        return false; // nobody listens (or a stale socket file): this process becomes the GUI
    // One header line, then one argument per line; the GUI answers "ok\n" once it queued them.
    std::string message = "picotorrent-gui 1\n";
    for (auto const& a : arguments)
        message += a + "\n";
    message += "\n";
    boost::asio::write(s, boost::asio::buffer(message), ec);
    if (ec)
        return false;
    char reply[3] = {};
    boost::asio::read(s, boost::asio::buffer(reply), ec);
    return !ec && std::string(reply, 3) == "ok\n";
}

} // namespace pico::app
