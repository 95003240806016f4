// A small thread pool for plugins' blocking work (HTTP calls, hashing, disk scans).
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace pico::core {

/// Fixed-size pool. Work still queued at shutdown is dropped; running work is waited for.
class background_pool {
  public:
    /// Starts `threads` workers.
    explicit background_pool(unsigned threads = 2);
    /// Calls shutdown().
    ~background_pool();
    background_pool(background_pool const&) = delete;
    background_pool& operator=(background_pool const&) = delete;
    /// Queues work; ignored after shutdown. Exceptions from work are reported to `on_error`.
    void post(std::function<void()> work);
    /// Drops queued work and joins the workers.
    void shutdown();
    /// Called (on a worker thread) with the text of any exception a task throws.
    std::function<void(std::string const&)> on_error;

  private:
    void worker();

    std::mutex m_mutex;
    std::condition_variable m_cv;
    std::deque<std::function<void()>> m_queue;
    std::vector<std::thread> m_threads;
    bool m_stopping = false;
};

} // namespace pico::core
