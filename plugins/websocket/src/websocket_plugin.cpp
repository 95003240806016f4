#include "websocket_plugin.hpp"

#include "commands.hpp"
#include "json_limits.hpp"
#include "messages.hpp"

#include <atomic>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace pico::websocket {

namespace {

std::shared_ptr<std::string const> shared_text(std::string text)
{
    return std::make_shared<std::string const>(std::move(text));
}

// The dashboard is an extra: when its files cannot be read the WebSocket API still runs, and
// the log says why the page is missing.
std::shared_ptr<web_files const> load_dashboard(sdk::host& h, settings const& s)
{
    if (!s.serve_dashboard)
        return nullptr;
    auto const plugin_dir = h.paths().plugin_dir;
    if (s.web_root.empty() && plugin_dir.empty()) {
        h.log(sdk::log_level::warning,
              "dashboard not served: the host names no plugin folder; set websocket.web_root");
        return nullptr;
    }
    auto const dir =
        s.web_root.empty() ? default_web_directory(plugin_dir) : std::filesystem::path(s.web_root);
    try {
        return std::make_shared<web_files const>(web_files::load(dir));
    } catch (std::exception const& e) {
        h.log(sdk::log_level::warning, std::string("dashboard not served: ") + e.what());
        return nullptr;
    }
}

} // namespace

// Lives on the host thread except the server_listener callbacks, which run on the server
// thread and only call host.post() and host.log().
class websocket_plugin::core final : public server_listener, public std::enable_shared_from_this<core> {
  public:
    explicit core(sdk::host& h) : m_host(h) {}

    void start(settings const& s)
    {
        server_options options;
        options.listen_address = s.listen_address;
        options.listen_port = s.listen_port;
        options.tls = s.tls;

        options.token = s.token;
        m_save_roots = s.allowed_save_roots;
        if (m_save_roots.empty())
            m_save_roots.push_back(m_host.paths().default_save_path);
        options.allowed_origins = s.allowed_origins;
        options.allowed_hosts = s.allowed_hosts;
        options.dashboard = load_dashboard(m_host, s);
        bool const dashboard = options.dashboard != nullptr;
        auto log = [&h = m_host](sdk::log_level level, std::string const& line) { h.log(level, line); };
        m_server = s.tls.certificate.empty() ? make_plain_server(std::move(options), *this, std::move(log))
                                             : make_tls_server(std::move(options), *this, std::move(log));
        m_server->start();

        m_subscriptions.push_back(
            sdk::subscribe<sdk::torrent_added_event>(m_host, [this](sdk::torrent_added_event const& e) {
                broadcast([&] { return torrent_added_message(e.torrent); });
            }));
        m_subscriptions.push_back(
            sdk::subscribe<sdk::torrent_finished_event>(m_host, [this](sdk::torrent_finished_event const& e) {
                broadcast([&] { return torrent_finished_message(e.torrent); });
            }));
        m_subscriptions.push_back(
            sdk::subscribe<sdk::torrent_removed_event>(m_host, [this](sdk::torrent_removed_event const& e) {
                broadcast([&] { return torrent_removed_message(e.info_hash); });
            }));
        m_subscriptions.push_back(
            sdk::subscribe<sdk::torrents_updated_event>(m_host, [this](sdk::torrents_updated_event const& e) {
                if (!e.torrents.empty())
                    broadcast([&] { return torrent_updated_message(e.torrents); });
            }));

        std::string const scheme = s.tls.certificate.empty() ? "ws" : "wss";
        bool const ipv6 = s.listen_address.find(':') != std::string::npos;
        std::string const shown = ipv6 ? "[" + s.listen_address + "]" : s.listen_address;
        std::string const where = shown + ":" + std::to_string(m_server->port()) + "/";
        m_host.log(sdk::log_level::info, "listening on " + scheme + "://" + where);
        if (dashboard)
            m_host.log(sdk::log_level::info, "dashboard at " +
                                                 std::string(scheme == "ws" ? "http" : "https") + "://" +
                                                 where + " (add #token=TOKEN, see docs/web.md)");
    }

    void stop()
    {
        m_subscriptions.clear();
        if (m_server)
            m_server->stop();
    }

    std::uint16_t port() const { return m_server ? m_server->port() : 0; }
    server_stats stats() const { return m_server ? m_server->stats() : server_stats{}; }

    // --- server thread ---------------------------------------------------------------

    void on_open(client_id id) override
    {
        // pico_state must reflect every event broadcast after it and none before: building it
        // on the host thread, then sending it with make_live, keeps that order (see server.hpp).
        std::weak_ptr<core> weak = shared_from_this();
        m_host.post([weak, id] {
            if (auto self = weak.lock(); self && self->m_server) {
                self->m_server->send(id, shared_text(pico_state_message(self->m_host.torrents())), true);
                // Right after pico_state, which the reference requires to come first.
                self->m_server->send(
                    id, shared_text(hello_message(self->m_host.host_version(), supported_requests())), false);
            }
        });
    }

    void on_message(client_id id, std::string payload) override
    {
        auto parsed = parse_command(payload);
        if (!parsed.cmd) {
            m_server->send(id, shared_text(std::move(parsed.error_reply)), false);
            return;
        }
        if (m_pending.fetch_add(1) >= max_pending_commands) {
            --m_pending;
            m_server->send(
                id, shared_text(error_reply(parsed.cmd->id, "too many commands waiting; try again")), false);
            return;
        }
        std::weak_ptr<core> weak = shared_from_this();
        m_host.post([weak, id, cmd = std::move(*parsed.cmd)] {
            auto self = weak.lock();
            if (!self)
                return;
            --self->m_pending;
            std::string reply;
            try {
                reply = run_command(request_context{self->m_host, self->m_save_roots}, cmd);
            } catch (std::exception const& e) {
                reply = error_reply(cmd.id, e.what());
            }
            if (self->m_server)
                self->m_server->send(id, shared_text(std::move(reply)), false);
        });
    }

  private:
    template <class MakeText> void broadcast(MakeText make_text)
    {
        // Nobody listening: skip building the JSON at all.
        if (m_server && m_server->live_clients() > 0)
            m_server->broadcast(shared_text(make_text()));
    }

    sdk::host& m_host;
    std::unique_ptr<server> m_server;
    std::vector<sdk::subscription> m_subscriptions;
    std::atomic<std::size_t> m_pending{0};
    std::vector<std::string> m_save_roots; // set in start(), then read on the host thread only
};

websocket_plugin::websocket_plugin() = default;

websocket_plugin::~websocket_plugin()
{
    stop();
}

void websocket_plugin::start(sdk::host& h)
{
    auto const text = h.config_section();
    auto section = parse_limited(text);
    if (section.is_discarded())
        throw std::invalid_argument("the websocket configuration section is not valid JSON");
    settings s = parse_settings(section);
    if (!s.enabled) {
        h.log(sdk::log_level::info, "disabled (set websocket.enabled to true to start the server)");
        return;
    }
    if (s.token.empty()) {
        s.token = generate_token();
        section["token"] = s.token;
        auto const st = h.set_config_section(section.dump());
        if (!st.ok)
            throw std::runtime_error("cannot store the generated websocket.token: " + st.error);
        h.log(sdk::log_level::info, "generated websocket.token and saved it in the configuration "
                                    "(see `picotorrent config show`)");
    } else if (s.token.size() < min_token_length) {
        throw std::invalid_argument("websocket.token must be at least " + std::to_string(min_token_length) +
                                    " characters (remove it to have a strong one generated)");
    }
    m_core = std::make_shared<core>(h);
    try {
        m_core->start(s);
    } catch (...) {
        m_core->stop();
        m_core.reset();
        throw;
    }
}

void websocket_plugin::stop()
{
    if (m_core) {
        m_core->stop();
        m_core.reset();
    }
}

std::uint16_t websocket_plugin::port() const
{
    return m_core ? m_core->port() : 0;
}

server_stats websocket_plugin::stats() const
{
    return m_core ? m_core->stats() : server_stats{};
}

} // namespace pico::websocket
