#include "app/remote/remote_session.hpp"

#include "config/config_error.hpp"
#include "config/json_text.hpp"

#include <algorithm>

namespace pico::app::remote {

using json = nlohmann::json;

namespace {

json parse_message(std::string const& text)
{
    // The host's own depth-bounded parser: a hostile server cannot crash the client by nesting.
    json message;
    try {
        message = config::parse_json_with_comments(text, "the host's message");
    } catch (config::config_error const& e) {
        throw remote_error(std::string("the host sent bad JSON: ") + e.what());
    }
    if (!message.is_object() || !message.contains("type") || !message["type"].is_string())
        throw remote_error("the host sent something that is not a protocol message");
    return message;
}

std::string hash_of(json const& torrent)
{
    return torrent.value("info_hash", std::string());
}

} // namespace

remote_session::remote_session(ws_target const& target, std::string const& token,
                               std::chrono::milliseconds timeout)
    : m_client(connect(target, token, timeout)), m_timeout(timeout)
{
    auto first = m_client->receive(timeout);
    if (!first)
        throw remote_error("the host sent no pico_state within " + std::to_string(timeout.count() / 1000) +
                           " s");
    auto state = parse_message(*first);
    if (state["type"] != "pico_state" || !state.contains("torrents") || !state["torrents"].is_array())
        throw remote_error("the host's first message is not pico_state");
    m_torrents = state["torrents"].get<std::vector<json>>();
    // hello (hosts that have it send it right after pico_state) is applied whenever it arrives.
}

remote_session::~remote_session() = default;

std::vector<json> remote_session::torrents() const
{
    return m_torrents;
}

void remote_session::apply(json const& m)
{
    auto const& type = m["type"];
    if (type == "hello") {
        m_host_version = m.value("app_version", std::string());
    } else if (type == "torrent_added" && m.contains("torrent")) {
        m_torrents.push_back(m["torrent"]);
    } else if (type == "torrent_updated" && m.contains("torrents") && m["torrents"].is_array()) {
        for (auto const& t : m["torrents"]) {
            auto it = std::find_if(m_torrents.begin(), m_torrents.end(),
                                   [&](json const& known) { return hash_of(known) == hash_of(t); });
            if (it != m_torrents.end())
                *it = t;
        }
    } else if (type == "torrent_finished" && m.contains("torrent")) {
        for (auto& known : m_torrents)
            if (hash_of(known) == hash_of(m["torrent"]))
                known = m["torrent"];
    } else if (type == "torrent_removed") {
        auto const gone = m.value("info_hash", std::string());
        m_torrents.erase(std::remove_if(m_torrents.begin(), m_torrents.end(),
                                        [&](json const& known) { return hash_of(known) == gone; }),
                         m_torrents.end());
    }
}

json remote_session::request(std::string const& type, json fields)
{
    std::int64_t const id = m_next_id++;
    fields["type"] = type;
    fields["id"] = id;
    m_client->send(fields.dump());
    auto const deadline = std::chrono::steady_clock::now() + m_timeout;
    while (true) {
        auto const left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        auto text = left.count() > 0 ? m_client->receive(left) : std::nullopt;
        if (!text)
            throw remote_error("no reply to '" + type + "' within " +
                               std::to_string(m_timeout.count() / 1000) + " s");
        auto m = parse_message(*text);
        bool const reply =
            (m["type"] == "result" || m["type"] == "error") && m.contains("id") && m["id"] == id;
        if (!reply) {
            apply(m);
            continue;
        }
        if (m["type"] == "error")
            throw request_refused(m.value("message", std::string("the host refused the request")));
        return m;
    }
}

std::vector<std::string> remote_session::resolve(std::vector<std::string> const& arguments) const
{
    std::vector<std::string> out;
    for (auto const& arg : arguments) {
        if (arg == "all") {
            for (auto const& t : m_torrents)
                out.push_back(hash_of(t));
            continue;
        }
        std::string lower = arg;
        std::transform(lower.begin(), lower.end(), lower.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        std::vector<std::string> matches;
        for (auto const& t : m_torrents)
            if (lower.size() >= 4 && hash_of(t).rfind(lower, 0) == 0)
                matches.push_back(hash_of(t));
        if (matches.empty())
            throw request_refused("no torrent matches '" + arg +
                                  "' (give an info hash, a prefix of 4+ characters, or all)");
        if (matches.size() > 1)
            throw request_refused("'" + arg + "' matches " + std::to_string(matches.size()) +
                                  " torrents; give more characters");
        out.push_back(matches.front());
    }
    return out;
}

bool remote_session::follow(std::function<void()> const& changed, std::function<bool()> const& stop)
{
    m_client->stop_on_signals();
    // A day without a broadcast is no failure: torrent_updated comes only when something changed.
    constexpr std::chrono::hours quiet_for(24);
    while (!stop()) {
        auto text = m_client->receive(quiet_for);
        if (!text)
            return false; // Ctrl+C
        auto m = parse_message(*text);
        auto const type = m["type"].get<std::string>();
        apply(m);
        if (type.rfind("torrent_", 0) == 0)
            changed();
    }
    return true;
}

void remote_session::close()
{
    if (m_client)
        m_client->close();
}

} // namespace pico::app::remote
