// Runs a fake_host's posted work on a thread of its own, which becomes the host thread, as the
// real host's loop does. For plugins whose own threads wait on the host thread (a server thread
// that hands each request to the host thread and waits for the answer): with the plain
// fake_host the test thread would have to run that work itself while it waits on the plugin.
//
//   pico::sdk::testing::fake_host host;
//   pico::sdk::testing::host_thread loop(host);
//   my_plugin plugin;
//   loop.call([&] { plugin.start(host); });
//   ...                                   // talk to the plugin's server from the test thread
//   loop.call([&] { plugin.stop(); });
#pragma once

#include <atomic>
#include <chrono>
#include <future>
#include <picotorrent/sdk/testing/fake_host.hpp>
#include <thread>
#include <utility>

namespace pico::sdk::testing {

/// The host loop of a fake_host on its own thread, from construction to destruction.
class host_thread {
  public:
    /// Starts the thread; from then on it is `host`'s host thread and runs what is posted.
    explicit host_thread(fake_host& host) : m_host(host)
    {
        std::promise<void> started;
        auto running = started.get_future();
        m_thread = std::thread([this, &started] {
            m_host.become_host_thread();
            started.set_value();
            while (!m_stop.load())
                m_host.run_until([this] { return m_stop.load(); }, std::chrono::seconds(1));
        });
        running.wait(); // so that no call is checked against the wrong thread
    }
    /// Runs what was posted before, then stops and joins the thread.
    ~host_thread()
    {
        m_host.post([this] { m_stop = true; });
        m_thread.join();
    }
    host_thread(host_thread const&) = delete;
    host_thread& operator=(host_thread const&) = delete;

    /// Runs `f` on the host thread, waits, and returns its result (or rethrows its exception).
    template <class F> auto call(F f) -> decltype(f())
    {
        std::packaged_task<decltype(f())()> task(std::move(f));
        auto result = task.get_future();
        m_host.post([&task] { task(); });
        return result.get();
    }

  private:
    fake_host& m_host;
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
};

} // namespace pico::sdk::testing
