#include "app/gui_handoff.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>

namespace pico::app {

std::filesystem::path gui_socket_path(std::filesystem::path const& state_dir)
{
    return state_dir / "gui.sock";
}

handoff_result hand_over_to_running_gui(std::filesystem::path const& socket,
                                        std::vector<std::string> const& arguments,
                                        std::chrono::milliseconds timeout)
{
    namespace local = boost::asio::local;
    boost::asio::io_context io;
    local::stream_protocol::socket s(io);
    boost::system::error_code ec;
    // Connecting to a Unix socket does not wait for the listener to accept: no deadline needed.
    s.connect(local::stream_protocol::endpoint(socket.string()), ec);
    if (ec)
        return handoff_result::nobody_listening;
    // One header line, then one argument per line; the GUI answers "ok\n" once it queued them.
    std::string message = "picotorrent-gui 1\n";
    for (auto const& a : arguments)
        message += a + "\n";
    message += "\n";
    // Asynchronous, under one deadline: a listener that never reads or never answers (a hung
    // GUI) must not block this process forever.
    char reply[3] = {};
    bool answered = false;
    boost::asio::async_write(
        s, boost::asio::buffer(message), [&](boost::system::error_code const& wec, std::size_t) {
            if (wec)
                return;
            boost::asio::async_read(s, boost::asio::buffer(reply),
                                    [&](boost::system::error_code const& rec, std::size_t) {
                                        answered = !rec && std::string(reply, 3) == "ok\n";
                                    });
        });
    io.run_for(timeout);
    if (answered)
        return handoff_result::handed_over;
    // Nothing answered in time, or the peer closed without "ok": a listener is there either way.
    return handoff_result::no_answer;
}

} // namespace pico::app
