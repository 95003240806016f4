// Bounded polling for tests.
#pragma once

#include <chrono>
#include <functional>

namespace pico::test_support {

/// Calls `predicate` every `step` until it returns true (-> true) or `timeout` has passed (-> false).
/// The timeout is a safety net, not a measurement: make it generous.
bool wait_until(std::function<bool()> const& predicate, std::chrono::milliseconds timeout,
                std::chrono::milliseconds step = std::chrono::milliseconds(20));

} // namespace pico::test_support
