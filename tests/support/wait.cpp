#include "support/wait.hpp"

#include <thread>

namespace pico::test_support {

bool wait_until(std::function<bool()> const& predicate, std::chrono::milliseconds timeout,
                std::chrono::milliseconds step)
{
    auto const deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        if (predicate())
            return true;
        if (std::chrono::steady_clock::now() >= deadline)
            return false;
        std::this_thread::sleep_for(step);
    }
}

} // namespace pico::test_support
