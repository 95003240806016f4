// The updater's behaviour: when to check, what a release means for this host, and telling
// the log and the service's subscribers. Lives on the host thread; the network part runs on
// its io_worker and reports back through host::post.
#pragma once

#include "io_worker.hpp"
#include "release.hpp"
#include "settings.hpp"

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <picotorrent/plugins/updater_service.hpp>
#include <picotorrent/sdk/host.hpp>
#include <string>
#include <vector>

namespace pico::updater {

/// Implements updater_service. Every member runs on the host thread.
class update_checker final : public updater_service, public std::enable_shared_from_this<update_checker> {
  public:
    /// Borrows the host until stop().
    explicit update_checker(sdk::host& host);
    /// Stops the worker if stop() was not called.
    ~update_checker() override;
    update_checker(update_checker const&) = delete;
    update_checker& operator=(update_checker const&) = delete;

    /// Starts the worker and, in the `run` and `gui` modes, the start-up check and the periodic ones.
    void start();
    /// Stops checking and lets go of the host; the service keeps answering latest().
    void stop();

    std::optional<update_info> latest() const override;
    sdk::subscription subscribe(std::function<void(update_info const&)> callback) override;
    sdk::status ignore(std::string const& version) override;
    void check_now() override;

  private:
    // What the worker found: a release, or one line saying why there is none.
    struct check_outcome {
        std::optional<release> found;
        std::string error;
    };
    using callback = std::function<void(update_info const&)>;

    bool refresh_settings();
    void finish_check(check_outcome outcome);
    void evaluate(release const& found);
    void notify(update_info const& info);
    void schedule_next(std::chrono::milliseconds delay);

    sdk::host* m_host;
    std::unique_ptr<io_worker> m_worker;
    settings m_settings;
    std::vector<std::string> m_reported_warnings;
    bool m_periodic = false;
    bool m_checking = false;
    std::optional<update_info> m_latest;
    // Shared with the subscriptions' cancel functions, which may outlive this object.
    std::shared_ptr<std::map<std::uint64_t, std::shared_ptr<callback>>> m_subscribers;
    std::uint64_t m_next_subscriber = 0;
};

/// True when `ignored` (the `ignored_update` value) names the release `found`.
bool is_ignored(release const& found, std::string const& ignored);

} // namespace pico::updater
