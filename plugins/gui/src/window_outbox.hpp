// Host thread -> main window, one queued call per turn of the host loop. A restore publishes
// 10,000 torrent_added events from one alert batch; sent one by one they were 10,000 queued
// calls, each inserting one row and recounting the list, and a key press waited behind them
// all. Here the calls of one turn keep their order, runs of adds become one batch
// (main_window::on_added_many: one row insertion) and the turn ends in one gui_bridge call.
#pragma once

#include "gui_bridge.hpp"
#include "main_window.hpp"

#include <functional>
#include <picotorrent/sdk/host.hpp>
#include <utility>
#include <vector>

namespace pico::gui {

/// Owned by the front-end; used only on the host thread.
class window_outbox {
  public:
    window_outbox(sdk::host& h, gui_bridge& bridge) : m_host(h), m_bridge(bridge) {}

    /// A torrent_added snapshot; joins the adds queued just before it.
    void added(sdk::torrent_snapshot t)
    {
        if (m_pending.empty() || m_pending.back().call)
            queue({});
        m_pending.back().added.push_back(std::move(t));
    }
    /// Any other call for the window, after everything queued before it.
    void call(std::function<void(main_window*)> f) { queue({std::move(f), {}}); }

    /// Sends what is queued now (the flush posted for it then finds nothing), so that a
    /// snapshot read right after it is newer than every call sent before.
    void flush()
    {
        if (m_pending.empty())
            return;
        m_bridge.to<main_window>([calls = std::exchange(m_pending, {})](main_window* w) mutable {
            for (auto& e : calls) {
                if (e.call)
                    e.call(w);
                else
                    w->on_added_many(std::move(e.added));
            }
        });
    }

  private:
    struct entry {
        std::function<void(main_window*)> call; // empty for a batch of adds
        std::vector<sdk::torrent_snapshot> added;
    };

    void queue(entry e)
    {
        bool const first = m_pending.empty();
        m_pending.push_back(std::move(e));
        // Posted work runs after the current callback (the whole alert batch) has returned,
        // and is dropped once the plugin has stopped, so `this` is alive when it runs.
        if (first)
            m_host.post([this] { flush(); });
    }

    sdk::host& m_host;
    gui_bridge& m_bridge;
    std::vector<entry> m_pending;
};

} // namespace pico::gui
