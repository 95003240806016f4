// Plugins start before the libtorrent session exists, so what they patch is in the session from
// its first moment. Observed with the real proxy plugin in force mode: the session never listens
// for connections (libtorrent reports each socket it opens with listen_succeeded_alert), and the
// peer the command line names is never reached directly.
#include "host_fixture.hpp"
#include "support/test_support.hpp"

#include <boost/asio/steady_timer.hpp>
#include <gtest/gtest.h>
#include <libtorrent/alert_types.hpp>

namespace {

namespace fs = std::filesystem;
using namespace pico;

TEST(plugin_settings_first, force_proxy_is_in_the_session_before_it_ever_listens)
{
    test_support::temp_dir tmp;
    auto const payload = tmp.path() / "seed" / "data";
    test_support::make_payload(payload, {{"a.bin", 200000}}, 9);
    auto const torrent = tmp.path() / "data.torrent";
    test_support::make_torrent(payload, torrent, {});
    test_support::seeder seeder(torrent, tmp.path() / "seed");

    // Nothing listens on the proxy's port: every proxied connection fails, on loopback.
    auto const proxy_port = test_support::free_tcp_port();
    core::host_options options;
    options.config_file = test::write_loopback_config(
        tmp.path() / "PicoTorrent.json",
        {{"proxy", {{"type", "socks5"}, {"hostname", "127.0.0.1"}, {"port", proxy_port}, {"force", true}}}});
    options.state_dir = tmp.path() / "state";
    options.save_path = (tmp.path() / "download").string();
    options.plugin_dirs = {PICO_PLUGIN_ROOT};
    options.plugins = std::vector<std::string>{"proxy"};
    options.torrents = {torrent.string()};
    options.peers = {seeder.endpoint()};

    core::application app(options);
    // With a proxy set libtorrent opens one UDP socket on 0.0.0.0 to talk to the proxy (SOCKS5
    // UDP associate); it accepts nothing. Any TCP socket, or any socket on the configured
    // 127.0.0.1, would be the session listening before the proxy's settings were in it.
    std::vector<std::string> listened;
    app.session().on_alert = [&](lt::alert const* a) {
        if (auto const* l = lt::alert_cast<lt::listen_succeeded_alert>(a)) {
            if (l->socket_type == lt::socket_type_t::tcp || !l->address.is_unspecified())
                listened.push_back(l->message());
        }
    };
    std::optional<std::string> interfaces_at_start;
    int port_at_start = -1;
    auto sub = app.events().subscribe("test", sdk::event_type::host_started, [&](sdk::event const&) {
        interfaces_at_start =
            app.session().native().get_settings().get_str(lt::settings_pack::listen_interfaces);
        port_at_start = app.session().listen_port();
    });
    // Long enough for libtorrent to open its sockets and dial the peer.
    boost::asio::steady_timer stop_after(app.io(), std::chrono::seconds(3));
    stop_after.async_wait([&](boost::system::error_code const& ec) {
        if (!ec)
            app.request_stop();
    });

    ASSERT_TRUE(app.start());
    EXPECT_EQ(app.run(), 0);

    ASSERT_TRUE(interfaces_at_start) << "host_started never fired";
    EXPECT_EQ(*interfaces_at_start, "");
    EXPECT_EQ(port_at_start, 0);
    EXPECT_TRUE(listened.empty()) << "the session listened: " << listened.front();
    EXPECT_EQ(seeder.handle().status().num_peers, 0) << "the peer was reached without the proxy";
    EXPECT_EQ(seeder.uploaded(), 0);
}

TEST(plugin_settings_first, session_calls_before_the_session_starts_are_safe)
{
    test_support::temp_dir tmp;
    core::host_options options;
    options.config_file = test::write_loopback_config(tmp.path() / "PicoTorrent.json");
    options.state_dir = tmp.path() / "state";
    options.no_plugins = true;
    core::application app(options);
    auto& s = app.session();

    sdk::add_torrent_request request;
    request.source = sdk::torrent_source::magnet;
    request.location = "magnet:?xt=urn:btih:0123456789abcdef0123456789abcdef01234567";
    auto const added = s.add(request);
    EXPECT_FALSE(added.ok);
    EXPECT_EQ(added.error, "the session is not running yet; add torrents from host_started on");
    std::string const hash = "0123456789abcdef0123456789abcdef01234567";
    EXPECT_FALSE(s.remove(hash, sdk::remove_mode::keep_data));
    EXPECT_FALSE(s.pause(hash));
    EXPECT_FALSE(s.resume(hash));
    EXPECT_FALSE(s.force_recheck(hash));
    EXPECT_FALSE(s.move_storage(hash, tmp.path().string()));
    EXPECT_FALSE(s.set_file_priorities(hash, {1}));
    EXPECT_FALSE(s.connect_peer(hash, "127.0.0.1:1"));
    EXPECT_FALSE(s.find(hash));
    EXPECT_TRUE(s.files(hash).empty());
    EXPECT_TRUE(s.torrents().empty());
    EXPECT_EQ(s.listen_port(), 0);
    EXPECT_THROW(s.native(), std::logic_error);
    // Settings patched now are the ones the session starts with.
    ASSERT_TRUE(
        s.apply_settings({{"listen_interfaces", std::string("127.0.0.1:0")}, {"enable_dht", false}}).ok);
    EXPECT_EQ(s.setting("listen_interfaces"), sdk::setting_value(std::string("127.0.0.1:0")));
}

} // namespace
