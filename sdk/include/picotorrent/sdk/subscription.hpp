// RAII handle for event subscriptions, add-torrent hooks and services.
#pragma once

#include <functional>
#include <utility>

namespace pico::sdk {

/// Owns a registration; destroying or resetting it unregisters. Move-only. [[nodiscard]]: a
/// handle dropped on the floor would unregister at once.
class [[nodiscard]] subscription {
  public:
    /// An empty handle that owns nothing.
    subscription() noexcept = default;
    /// Takes ownership of a registration; `cancel` undoes it and is called at most once.
    explicit subscription(std::function<void()> cancel) noexcept : m_cancel(std::move(cancel)) {}
    /// Moves ownership; the source becomes empty.
    subscription(subscription&& other) noexcept : m_cancel(std::exchange(other.m_cancel, nullptr)) {}
    /// Releases the current registration and takes the other's.
    subscription& operator=(subscription&& other) noexcept
    {
        if (this != &other) {
            reset();
            m_cancel = std::exchange(other.m_cancel, nullptr);
        }
        return *this;
    }
    subscription(subscription const&) = delete;
    subscription& operator=(subscription const&) = delete;
    /// Unregisters.
    ~subscription() { reset(); }

    /// Unregisters now; the handle becomes empty.
    void reset() noexcept
    {
        if (auto cancel = std::exchange(m_cancel, nullptr)) {
            try {
                cancel();
            } catch (...) {
                // Unregistering must not throw out of a destructor.
            }
        }
    }
    /// True while the handle owns a registration.
    explicit operator bool() const noexcept { return static_cast<bool>(m_cancel); }

  private:
    std::function<void()> m_cancel;
};

} // namespace pico::sdk
