// The updater's own network thread: an io_context with a timer, so that slow servers and the
// wait between checks never occupy the host thread or the host's background pool.
#pragma once

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <thread>

namespace pico::updater {

/// Runs an io_context on a thread of its own from construction until stop().
class io_worker {
  public:
    /// Starts the thread.
    io_worker();
    /// Stops and joins the thread if stop() was not called.
    ~io_worker();
    io_worker(io_worker const&) = delete;
    io_worker& operator=(io_worker const&) = delete;

    /// The loop; post work here to run it on the worker thread.
    boost::asio::io_context& io() { return m_io; }
    /// The timer between checks; touch it only on the worker thread.
    boost::asio::steady_timer& timer() { return m_timer; }
    /// Abandons pending work and joins the thread. Must not be called from the worker thread.
    void stop();

  private:
    boost::asio::io_context m_io;
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> m_keep_running;
    boost::asio::steady_timer m_timer;
    std::thread m_thread;
};

} // namespace pico::updater
