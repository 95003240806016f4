// The one way from the host thread to the GUI thread: a queued call onto a QObject that lives
// on the main thread. Calls made while no window is attached (before run() or after it
// returned) are dropped: the GUI reads a full snapshot when it attaches.
#pragma once

#include <QMetaObject>
#include <QObject>
#include <QPointer>
#include <mutex>
#include <utility>

namespace pico::gui {

/// Thread-safe handle to the GUI thread's receiver.
class gui_bridge {
  public:
    /// Main thread: events go to `receiver` from now on.
    void attach(QObject* receiver)
    {
        std::lock_guard lock(m_mutex);
        m_receiver = receiver;
    }
    /// Main thread: no more calls are queued (queued ones die with the receiver).
    void detach()
    {
        std::lock_guard lock(m_mutex);
        m_receiver = nullptr;
    }
    /// Any thread: runs `f` on the GUI thread later, if a receiver is attached.
    template <class F> void to_gui(F&& f)
    {
        std::lock_guard lock(m_mutex);
        if (m_receiver)
            QMetaObject::invokeMethod(m_receiver, std::forward<F>(f), Qt::QueuedConnection);
    }

    /// Any thread: runs `f(receiver)` on the GUI thread later, with the receiver cast to W.
    template <class W, class F> void to(F f)
    {
        std::lock_guard lock(m_mutex);
        if (m_receiver)
            QMetaObject::invokeMethod(
                m_receiver, [r = m_receiver, f = std::move(f)]() mutable { f(static_cast<W*>(r)); },
                Qt::QueuedConnection);
    }

  private:
    std::mutex m_mutex;
    QObject* m_receiver = nullptr;
};

} // namespace pico::gui
