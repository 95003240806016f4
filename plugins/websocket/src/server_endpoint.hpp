// The server on top of a websocketpp endpoint; one template for ws:// and wss://.
// Only server_plain.cpp and server_tls.cpp include this (websocketpp is heavy).
#pragma once

#include "auth_throttle.hpp"
#include "dashboard_http.hpp"
#include "server.hpp"

#include <atomic>
#include <boost/asio/post.hpp>
#include <boost/asio/socket_base.hpp>
#include <boost/system/error_code.hpp>
#include <chrono>
#include <future>
#include <map>
#include <mutex>
#include <optional>
#include <pthread.h>
#include <stdexcept>
#include <thread>
#include <utility>
#include <websocketpp/server.hpp>

namespace pico::websocket::detail {

/// See server. Every member below the public interface is touched on the server thread only.
template <class Config> class endpoint_server final : public server {
  public:
    /// The websocketpp endpoint type.
    using ws_server = websocketpp::server<Config>;
    using connection_ptr = typename ws_server::connection_ptr;
    using message_type = typename Config::message_type;
    using message_ptr = typename message_type::ptr;

    endpoint_server(server_options options, server_listener& listener, log_function log)
        : m_options(std::move(options)), m_listener(listener), m_log(std::move(log))
    {
        // Our own log lines say what matters; websocketpp's would go to stdout.
        m_endpoint.clear_access_channels(websocketpp::log::alevel::all);
        m_endpoint.clear_error_channels(websocketpp::log::elevel::all);
    }

    ~endpoint_server() override { stop(); }

    endpoint_server(endpoint_server const&) = delete;
    endpoint_server& operator=(endpoint_server const&) = delete;

    /// The endpoint, for settings made before start() (the TLS init handler).
    ws_server& endpoint() { return m_endpoint; }

    void start() override
    {
        using websocketpp::lib::placeholders::_1;
        using websocketpp::lib::placeholders::_2;
        m_endpoint.init_asio();
        m_endpoint.set_reuse_addr(true);
        m_endpoint.set_max_message_size(m_options.max_message_size);
        m_endpoint.set_open_handshake_timeout(5000);
        m_endpoint.set_close_handshake_timeout(1000);
        // Nothing here takes a request body; without this websocketpp buffers up to 32 MB of one.
        m_endpoint.set_max_http_body_size(0);
        m_endpoint.set_validate_handler([this](websocketpp::connection_hdl h) { return on_validate(h); });
        m_endpoint.set_http_handler([this](websocketpp::connection_hdl h) { on_http(h); });
        m_endpoint.set_open_handler([this](websocketpp::connection_hdl h) { on_open(h); });
        m_endpoint.set_close_handler([this](websocketpp::connection_hdl h) { on_gone(h); });
        m_endpoint.set_fail_handler([this](websocketpp::connection_hdl h) { on_gone(h); });
        m_endpoint.set_message_handler(
            [this](websocketpp::connection_hdl h, message_ptr msg) { on_message(h, std::move(msg)); });

        std::string const where = m_options.listen_address + ":" + std::to_string(m_options.listen_port);
        websocketpp::lib::error_code ec;
        m_endpoint.listen(m_options.listen_address, std::to_string(m_options.listen_port), ec);
        if (ec)
            throw std::runtime_error("cannot listen on " + where + ": " + ec.message());
        boost::system::error_code aec;
        m_port = m_endpoint.get_local_endpoint(aec).port();
        if (aec)
            throw std::runtime_error("cannot read the bound port on " + where + ": " + aec.message());
        // The default Host list names the bound port, known only now when listen_port is 0.
        auto hosts = m_options.allowed_hosts;
        for (auto& h : default_allowed_hosts(m_options.listen_address, m_port))
            hosts.push_back(std::move(h));
        m_policy.emplace(m_options.token, m_options.allowed_origins, std::move(hosts),
                         m_options.tls.certificate.empty() ? "http" : "https");
        m_endpoint.start_accept(ec);
        if (ec)
            throw std::runtime_error("cannot accept on " + where + ": " + ec.message());

        m_done = std::promise<void>();
        m_thread = std::thread([this] { run(); });
    }

    std::uint16_t port() const override { return m_port; }

    void stop() override
    {
        if (!m_thread.joinable())
            return;
        auto done = m_done.get_future();
        boost::asio::post(m_endpoint.get_io_service(), [this] { close_everything(); });
        // Close handshakes time out after 1 s; a handshake still in progress could hold the
        // loop up to its own timeout, so past this the loop is stopped outright.
        if (done.wait_for(std::chrono::seconds(3)) != std::future_status::ready)
            m_endpoint.stop();
        m_thread.join();
    }

    void broadcast(std::shared_ptr<std::string const> message) override
    {
        boost::asio::post(m_endpoint.get_io_service(), [this, message = std::move(message)] {
            // One prepared frame shared by every client: server frames are unmasked, so the
            // bytes are the same for all of them.
            auto const frame = make_frame(*message);
            for (auto it = m_clients.begin(); it != m_clients.end();) {
                auto const current = it++;
                if (current->second.live)
                    deliver(current->first, frame);
            }
        });
    }

    void send(client_id id, std::shared_ptr<std::string const> message, bool make_live) override
    {
        boost::asio::post(m_endpoint.get_io_service(), [this, id, message = std::move(message), make_live] {
            auto it = m_clients.find(id);
            if (it == m_clients.end())
                return;
            if (make_live && !it->second.live) {
                it->second.live = true;
                ++m_live;
            }
            deliver(id, make_frame(*message));
        });
    }

    std::size_t live_clients() const override { return m_live.load(); }

    server_stats stats() const override
    {
        std::lock_guard<std::mutex> lock(m_stats_mutex);
        return m_stats;
    }

  private:
    struct client {
        websocketpp::connection_hdl hdl;
        bool live = false;
    };
    using client_map = std::map<client_id, client>;

    void run()
    {
        // Named so `top -H` and the benchmark can tell this thread apart (15 characters at most).
        pthread_setname_np(pthread_self(), "pico-websocket");
        try {
            m_endpoint.run();
        } catch (std::exception const& e) {
            m_log(sdk::log_level::error, std::string("server loop stopped: ") + e.what());
        }
        m_done.set_value();
    }

    void close_everything()
    {
        websocketpp::lib::error_code ec;
        m_endpoint.stop_listening(ec);
        for (auto const& [id, c] : m_clients) {
            if (auto con = m_endpoint.get_con_from_hdl(c.hdl, ec))
                con->close(websocketpp::close::status::going_away, "server shutting down", ec);
        }
    }

    handshake_request request_of(connection_ptr const& con) const
    {
        handshake_request req;
        req.resource = con->get_resource();
        req.host = con->get_request_header("Host");
        req.origin = con->get_request_header("Origin");
        return req;
    }

    bool refuse(connection_ptr const& con, handshake_decision const& d)
    {
        if (d.refuse_status == 0)
            return false;
        con->set_status(d.refuse_status == 401 ? websocketpp::http::status_code::unauthorized
                                               : websocketpp::http::status_code::forbidden);
        {
            std::lock_guard<std::mutex> lock(m_stats_mutex);
            ++m_stats.refused;
        }
        m_log(sdk::log_level::info, "refused " + con->get_remote_endpoint() + " with " +
                                        std::to_string(d.refuse_status) + ": " + d.reason);
        return true;
    }

    // An address blocked for guessing tokens gets 429 before anything is checked.
    bool refuse_if_blocked(connection_ptr const& con, std::string const& address)
    {
        if (!m_throttle.blocked(address))
            return false;
        con->set_status(websocketpp::http::status_code::too_many_requests);
        con->replace_header("Retry-After", std::to_string(m_throttle.block_duration().count()));
        std::lock_guard<std::mutex> lock(m_stats_mutex);
        ++m_stats.refused;
        return true;
    }

    void count_token_result(std::string const& address, handshake_decision const& d)
    {
        if (d.refuse_status == 401) {
            if (m_throttle.failed(address))
                m_log(sdk::log_level::warning,
                      "blocking " + address + " for " + std::to_string(m_throttle.block_duration().count()) +
                          " s: more than " + std::to_string(auth_throttle::default_free_failures) +
                          " wrong tokens in a minute (answered with 429 until then)");
        } else if (d.refuse_status == 0) {
            m_throttle.succeeded(address);
        }
    }

    bool on_validate(websocketpp::connection_hdl hdl)
    {
        auto con = m_endpoint.get_con_from_hdl(hdl);
        auto const address = address_of(con->get_remote_endpoint());
        if (refuse_if_blocked(con, address))
            return false;
        auto req = request_of(con);
        req.subprotocols = con->get_requested_subprotocols();
        auto const decision = m_policy->check(req);
        count_token_result(address, decision);
        if (refuse(con, decision))
            return false;
        if (decision.select_subprotocol)
            con->select_subprotocol(std::string(subprotocol_name));
        return true;
    }

    // A plain HTTP request (no upgrade): the dashboard when it is served; otherwise refused
    // like a handshake, else told to upgrade.
    void on_http(websocketpp::connection_hdl hdl)
    {
        auto con = m_endpoint.get_con_from_hdl(hdl);
        if (m_options.dashboard) {
            serve_dashboard(con);
            return;
        }
        auto const address = address_of(con->get_remote_endpoint());
        if (refuse_if_blocked(con, address))
            return;
        auto const decision = m_policy->check(request_of(con));
        count_token_result(address, decision);
        if (refuse(con, decision))
            return;
        con->set_status(websocketpp::http::status_code::upgrade_required);
        con->set_body("This is a WebSocket endpoint.\n");
    }

    void serve_dashboard(connection_ptr const& con)
    {
        auto const& request = con->get_request();
        auto const answer =
            answer_dashboard_request({request.get_method(), request.get_uri(), request.get_header("Host")},
                                     *m_options.dashboard, *m_policy);
        if (!answer.refusal.empty()) {
            {
                std::lock_guard<std::mutex> lock(m_stats_mutex);
                ++m_stats.refused;
            }
            m_log(sdk::log_level::info,
                  "refused " + con->get_remote_endpoint() + " with 403: " + answer.refusal);
        }
        con->set_status(static_cast<websocketpp::http::status_code::value>(answer.status));
        for (auto const& [name, value] : answer.headers)
            con->replace_header(name, value);
        con->set_body(answer.body);
        // set_body("") drops Content-Length; HEAD still says what a GET would send.
        con->replace_header("Content-Length", std::to_string(answer.content_length));
    }

    void on_open(websocketpp::connection_hdl hdl)
    {
        client_id const id = ++m_next_id;
        m_clients.emplace(id, client{hdl, false});
        m_ids.emplace(hdl, id);
        {
            std::lock_guard<std::mutex> lock(m_stats_mutex);
            ++m_stats.accepted;
            ++m_stats.open;
        }
        m_listener.on_open(id);
    }

    void forget(typename client_map::iterator it)
    {
        if (it->second.live)
            --m_live;
        m_ids.erase(it->second.hdl);
        m_clients.erase(it);
        std::lock_guard<std::mutex> lock(m_stats_mutex);
        --m_stats.open;
    }

    void on_gone(websocketpp::connection_hdl hdl)
    {
        auto id = m_ids.find(hdl);
        if (id == m_ids.end())
            return;
        forget(m_clients.find(id->second));
    }

    void on_message(websocketpp::connection_hdl hdl, message_ptr msg)
    {
        auto id = m_ids.find(hdl);
        if (id == m_ids.end())
            return;
        m_listener.on_message(id->second, std::move(msg->get_raw_payload()));
    }

    static message_ptr make_frame(std::string const& text)
    {
        auto msg = std::make_shared<message_type>(typename message_type::con_msg_man_ptr(),
                                                  websocketpp::frame::opcode::text, 0);
        msg->set_payload(text);
        websocketpp::frame::basic_header const header(websocketpp::frame::opcode::text, text.size(), true,
                                                      false, false);
        websocketpp::frame::extended_header const extended(text.size());
        msg->set_header(websocketpp::frame::prepare_header(header, extended));
        msg->set_prepared(true);
        return msg;
    }

    void deliver(client_id id, message_ptr const& frame)
    {
        auto it = m_clients.find(id);
        if (it == m_clients.end())
            return;
        websocketpp::lib::error_code ec;
        auto con = m_endpoint.get_con_from_hdl(it->second.hdl, ec);
        if (ec || !con || con->get_state() != websocketpp::session::state::open)
            return;
        std::size_t const queued = con->get_buffered_amount();
        // An empty queue always takes the next message, so one message bigger than the bound
        // still reaches a client that keeps up.
        if (queued > 0 && queued + frame->get_payload().size() > m_options.max_queue) {
            drop(it, con, queued);
            return;
        }
        con->send(frame);
    }

    // The client is not reading: its queue would grow without bound. Shutting the socket
    // down fails the pending write, and websocketpp then frees the connection and its queue.
    void drop(typename client_map::iterator it, connection_ptr const& con, std::size_t queued)
    {
        {
            std::lock_guard<std::mutex> lock(m_stats_mutex);
            ++m_stats.dropped;
        }
        m_log(sdk::log_level::warning, "dropped client " + con->get_remote_endpoint() + ": " +
                                           std::to_string(queued) + " bytes waiting, it is not reading");
        forget(it);
        boost::system::error_code ec;
        con->get_raw_socket().shutdown(boost::asio::socket_base::shutdown_both, ec);
        con->get_raw_socket().cancel(ec);
    }

    server_options m_options;
    std::optional<access_policy> m_policy;
    auth_throttle m_throttle;
    server_listener& m_listener;
    log_function m_log;
    ws_server m_endpoint;
    std::thread m_thread;
    std::promise<void> m_done;
    std::uint16_t m_port = 0;
    std::atomic<std::size_t> m_live{0};
    mutable std::mutex m_stats_mutex;
    server_stats m_stats;

    client_id m_next_id = 0;
    client_map m_clients;
    std::map<websocketpp::connection_hdl, client_id, std::owner_less<websocketpp::connection_hdl>> m_ids;
};

} // namespace pico::websocket::detail
