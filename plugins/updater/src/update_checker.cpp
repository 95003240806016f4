#include "update_checker.hpp"

#include "http_fetch.hpp"

#include <boost/asio/post.hpp>
#include <exception>
#include <nlohmann/json.hpp>

namespace pico::updater {
namespace {

std::string trimmed(std::string const& s)
{
    auto const first = s.find_first_not_of(" \t\r\n");
    if (first == std::string::npos)
        return {};
    return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

} // namespace

bool is_ignored(release const& found, std::string const& ignored)
{
    auto const value = trimmed(ignored);
    if (value.empty())
        return false;
    if (auto v = sdk::parse_semver(value, true))
        return *v == found.version;
    return value == found.tag;
}

update_checker::update_checker(sdk::host& host)
    : m_host(&host), m_subscribers(std::make_shared<std::map<std::uint64_t, std::shared_ptr<callback>>>())
{
}

update_checker::~update_checker()
{
    if (m_worker)
        m_worker->stop();
}

void update_checker::start()
{
    m_worker = std::make_unique<io_worker>();
    auto const mode = m_host->host_mode();
    // One-shot commands (download, seed) end long before a check matters.
    m_periodic = mode == "run" || mode == "gui";
    if (!m_periodic) {
        m_host->log(sdk::log_level::debug, "no update checks in '" + mode + "' mode");
        return;
    }
    check_now();
}

void update_checker::stop()
{
    if (m_worker) {
        m_worker->stop();
        m_worker.reset();
    }
    m_host = nullptr;
    m_subscribers->clear();
}

std::optional<update_info> update_checker::latest() const
{
    return m_latest;
}

sdk::subscription update_checker::subscribe(std::function<void(update_info const&)> cb)
{
    auto const id = m_next_subscriber++;
    m_subscribers->emplace(id, std::make_shared<callback>(std::move(cb)));
    std::weak_ptr<std::map<std::uint64_t, std::shared_ptr<callback>>> list = m_subscribers;
    return sdk::subscription([list, id] {
        if (auto l = list.lock())
            l->erase(id);
    });
}

sdk::status update_checker::ignore(std::string const& version)
{
    if (!m_host)
        return sdk::status::failure("the updater plugin is stopped");
    // `replace` keeps invalid UTF-8 from throwing: the key is written either way.
    auto const text = nlohmann::json(version).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    auto st = m_host->set_config_value("ignored_update", text);
    if (!st.ok)
        return st;
    if (m_latest) {
        auto const latest = sdk::parse_semver(m_latest->version, true);
        auto const ignored = sdk::parse_semver(trimmed(version), true);
        if (latest && ignored && *latest == *ignored)
            m_latest.reset();
    }
    m_host->log(sdk::log_level::info, "update " + version + " will not be announced again (ignored_update)");
    return st;
}

bool update_checker::refresh_settings()
{
    m_settings = read_settings(m_host->config());
    if (m_settings.warnings != m_reported_warnings) {
        for (auto const& w : m_settings.warnings)
            m_host->log(sdk::log_level::warning, w);
        m_reported_warnings = m_settings.warnings;
    }
    if (m_settings.update_url.empty()) {
        m_host->log(sdk::log_level::info, "update checks are off: update_url is empty");
        return false;
    }
    if (m_settings.proxy_forced) {
        m_host->log(sdk::log_level::info,
                    "update checks are off: proxy.force is on and the updater does not use the proxy");
        return false;
    }
    return true;
}

void update_checker::check_now()
{
    if (!m_host || !m_worker || m_checking || !refresh_settings())
        return;
    m_checking = true;

    fetch_request request;
    request.url = m_settings.update_url;
    request.ca_file = m_settings.ca_file;
    request.timeout = m_settings.timeout;
    request.user_agent = "PicoTorrent/" + m_host->host_version();

    auto* host = m_host;
    std::weak_ptr<update_checker> weak = weak_from_this();
    auto& io = m_worker->io();
    boost::asio::post(io, [&io, host, weak, request = std::move(request)]() mutable {
        auto const url = request.url;
        fetch(io, std::move(request), [host, weak, url](fetch_result result) {
            // Parsing happens here, off the host thread: the body may be up to the size limit.
            check_outcome outcome;
            if (!result.ok)
                outcome.error = result.error;
            else if (!(outcome.found = parse_release(result.body, outcome.error)))
                outcome.error += " from " + url;
            host->post([weak, outcome = std::move(outcome)]() mutable {
                if (auto self = weak.lock())
                    self->finish_check(std::move(outcome));
            });
        });
    });
}

void update_checker::finish_check(check_outcome outcome)
{
    m_checking = false;
    if (!m_host)
        return;
    if (outcome.found)
        evaluate(*outcome.found);
    else
        m_host->log(sdk::log_level::warning, "update check failed: " + outcome.error);
    if (m_periodic && m_settings.check_interval > std::chrono::milliseconds::zero())
        schedule_next(m_settings.check_interval);
}

void update_checker::evaluate(release const& found)
{
    auto const running_text = m_host->host_version();
    auto const running = sdk::parse_semver(running_text, true);
    if (!running) {
        m_host->log(sdk::log_level::error,
                    "host version '" + running_text + "' is not a semantic version; cannot compare");
        return;
    }
    auto const version = to_string(found.version);
    if (found.version <= *running) {
        m_latest.reset();
        m_host->log(sdk::log_level::debug,
                    "up to date: latest release is " + version + ", running " + running_text);
        return;
    }
    // Read again: the user may have ignored a version while the request was under way.
    if (is_ignored(found, read_settings(m_host->config()).ignored_update)) {
        m_latest.reset();
        m_host->log(sdk::log_level::debug, "release " + version + " is newer but ignored (ignored_update)");
        return;
    }

    update_info info{version, found.url, found.name, found.notes};
    bool const known = m_latest && m_latest->version == info.version;
    m_latest = info;
    if (known) {
        m_host->log(sdk::log_level::debug, "release " + version + " already announced");
        return;
    }
    m_host->log(sdk::log_level::info,
                "update available: " + version + " (running " + running_text + "): " + info.url);
    notify(info);
}

void update_checker::notify(update_info const& info)
{
    // Copy first: a callback may subscribe or unsubscribe.
    auto const snapshot = *m_subscribers;
    for (auto const& [id, cb] : snapshot) {
        if (!m_subscribers->count(id))
            continue;
        try {
            (*cb)(info);
        } catch (std::exception const& e) {
            if (m_host)
                m_host->log(sdk::log_level::warning, std::string("an update subscriber threw: ") + e.what());
        }
    }
}

void update_checker::schedule_next(std::chrono::milliseconds delay)
{
    auto* host = m_host;
    auto* worker = m_worker.get();
    std::weak_ptr<update_checker> weak = weak_from_this();
    boost::asio::post(worker->io(), [worker, host, weak, delay] {
        worker->timer().expires_after(delay);
        worker->timer().async_wait([host, weak](boost::system::error_code ec) {
            if (ec)
                return; // re-armed by a later check, or stopping
            host->post([weak] {
                if (auto self = weak.lock())
                    self->check_now();
            });
        });
    });
}

} // namespace pico::updater
