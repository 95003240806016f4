#include "io_worker.hpp"

namespace pico::updater {

io_worker::io_worker()
    : m_keep_running(boost::asio::make_work_guard(m_io)), m_timer(m_io), m_thread([this] { m_io.run(); })
{
}

io_worker::~io_worker()
{
    stop();
}

void io_worker::stop()
{
    // Pending requests are abandoned, not finished: their handlers (and sockets) are destroyed
    // with the io_context, so stopping never waits for a slow server.
    m_io.stop();
    if (m_thread.joinable())
        m_thread.join();
}

} // namespace pico::updater
