// The updater plugin's public service: how other plugins (the GUI) learn that a newer
// PicoTorrent release exists. Find it with
//   pico::sdk::find_service<pico::updater::updater_service>(host)
// The interface only grows by appending virtual functions at the end (service_version goes up).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <picotorrent/sdk/host.hpp>
#include <picotorrent/sdk/subscription.hpp>
#include <string>

namespace pico::updater {

/// Name the updater publishes its service under.
inline constexpr char const* service_name = "updater";
/// Version of the updater_service interface described here.
inline constexpr std::uint32_t service_version = 1;

/// A release newer than the running host.
struct update_info {
    /// Semantic version without a leading "v", e.g. "1.2.0" or "1.3.0-rc.1".
    std::string version;
    /// The release's web page (http or https) for the user to open; nothing is downloaded.
    std::string url;
    /// The release's title (its tag when it has none).
    std::string name;
    /// Release notes as published (Markdown on GitHub); may be empty.
    std::string notes;
};

/// Announces newer releases. Call every method on the host thread.
class updater_service {
  public:
    /// The name the service is published under (pico::sdk::find_service reads it).
    static constexpr char const* service_name = updater::service_name;
    /// The version of this interface (pico::sdk::find_service asks for at least this one).
    static constexpr std::uint32_t service_version = updater::service_version;

    /// Owned through the shared_ptr the service registry hands out.
    virtual ~updater_service() = default;
    /// The newest release found that is newer than the host and not ignored, if any.
    virtual std::optional<update_info> latest() const = 0;
    /// Calls `callback` on the host thread whenever a newer release is found (not for one found
    /// before subscribing: read latest() for that). Destroying the handle unsubscribes.
    virtual sdk::subscription subscribe(std::function<void(update_info const&)> callback) = 0;
    /// Stops announcing `version`: stores it in the top-level `ignored_update` config key.
    virtual sdk::status ignore(std::string const& version) = 0;
    /// Starts a check now unless one is already running; a newer release arrives through subscribe().
    virtual void check_now() = 0;
};

} // namespace pico::updater
