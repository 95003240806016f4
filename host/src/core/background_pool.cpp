#include "core/background_pool.hpp"

#include <exception>
#include <string>

namespace pico::core {

background_pool::background_pool(unsigned threads)
{
    for (unsigned i = 0; i < threads; ++i)
        m_threads.emplace_back([this] { worker(); });
}

background_pool::~background_pool()
{
    shutdown();
}

void background_pool::post(std::function<void()> work)
{
    {
        std::lock_guard lock(m_mutex);
        if (m_stopping)
            return;
        m_queue.push_back(std::move(work));
    }
    m_cv.notify_one();
}

void background_pool::shutdown()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
        m_queue.clear();
    }
    m_cv.notify_all();
    for (auto& t : m_threads) {
        if (t.joinable())
            t.join();
    }
    m_threads.clear();
}

void background_pool::worker()
{
    for (;;) {
        std::function<void()> work;
        {
            std::unique_lock lock(m_mutex);
            m_cv.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
            if (m_stopping)
                return;
            work = std::move(m_queue.front());
            m_queue.pop_front();
        }
        try {
            work();
        } catch (std::exception const& e) {
            if (on_error)
                on_error(e.what());
        } catch (...) {
            if (on_error)
                on_error("non-standard exception");
        }
    }
}

} // namespace pico::core
