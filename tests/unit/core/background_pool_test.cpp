#include "core/background_pool.hpp"

#include <atomic>
#include <chrono>
#include <future>
#include <gtest/gtest.h>
#include <stdexcept>

namespace {

TEST(background_pool, runs_work_off_the_calling_thread)
{
    pico::core::background_pool pool(2);
    std::promise<std::thread::id> where;
    pool.post([&] { where.set_value(std::this_thread::get_id()); });
    auto f = where.get_future();
    ASSERT_EQ(f.wait_for(std::chrono::seconds(30)), std::future_status::ready);
    EXPECT_NE(f.get(), std::this_thread::get_id());
}

TEST(background_pool, exceptions_are_reported_and_the_pool_goes_on)
{
    pico::core::background_pool pool(1);
    std::promise<std::string> error;
    pool.on_error = [&](std::string const& what) { error.set_value(what); };
    pool.post([] { throw std::runtime_error("disk gone"); });
    auto f = error.get_future();
    ASSERT_EQ(f.wait_for(std::chrono::seconds(30)), std::future_status::ready);
    EXPECT_EQ(f.get(), "disk gone");
    std::promise<void> ran;
    pool.post([&] { ran.set_value(); });
    EXPECT_EQ(ran.get_future().wait_for(std::chrono::seconds(30)), std::future_status::ready);
}

TEST(background_pool, shutdown_waits_for_running_work_and_drops_queued_work)
{
    std::atomic<int> finished{0};
    std::promise<void> started;
    {
        pico::core::background_pool pool(1);
        pool.post([&] {
            started.set_value();
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
            ++finished;
        });
        started.get_future().wait();
        for (int i = 0; i < 10; ++i)
            pool.post([&] { finished += 100; });
        pool.shutdown();
        EXPECT_EQ(finished.load(), 1);
        pool.post([&] { finished += 1000; }); // ignored after shutdown
    }
    EXPECT_EQ(finished.load(), 1);
}

} // namespace
