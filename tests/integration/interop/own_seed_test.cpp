// `picotorrent download` against our own `picotorrent seed`: v1, v2 and hybrid torrents,
// single- and multi-file, a magnet link, uTP only and TCP only, Ctrl+C and a rerun, and the
// data layouts `seed` accepts.
#include "interop_fixture.hpp"

#include <csignal>
#include <fstream>
#include <gtest/gtest.h>
#include <iterator>
#include <libtorrent/magnet_uri.hpp>
#include <libtorrent/torrent_info.hpp>
#include <thread>

namespace {

namespace fs = std::filesystem;
namespace ts = pico::test_support;
using namespace pico::interop;
using namespace std::chrono_literals;

std::vector<ts::payload_file> const own_seed_single_file{{"", (3 << 20) + 4321}};
std::vector<ts::payload_file> const own_seed_multi_file{
    {"a.bin", (1 << 20) + 777}, {"sub/b.bin", 600000}, {"sub/deeper/c.txt", 1234}, {"z.bin", 65536}};

struct layout_case {
    std::string label;
    bool multi;
    bool v1_only;
    bool v2_only;
};

class own_seed_download : public ::testing::TestWithParam<layout_case> {};

TEST_P(own_seed_download, completes_byte_exact)
{
    auto const& c = GetParam();
    ts::temp_dir tmp;
    fs::path const torrent = tmp.path() / "t.torrent";
    auto const payload =
        make_case(tmp.path() / "seed", "payload", c.multi ? own_seed_multi_file : own_seed_single_file,
                  torrent, {.piece_size = 64 << 10, .v1_only = c.v1_only, .v2_only = c.v2_only});
    our_seed seed(torrent, payload, tmp.path() / "s");

    auto const r =
        run_download(torrent.string(), tmp.path() / "out", tmp.path() / "d", {"--peer", seed.endpoint()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    fs::path const written = tmp.path() / "out" / "payload";
    EXPECT_NE(r.out.find(written.string()), std::string::npos)
        << "prints the written path; stdout: " << r.out;
    std::string why;
    EXPECT_TRUE(ts::files_equal(payload, written, &why)) << why;
}

// A one-shot download keeps the terminal for progress and results: info lines go to the log
// file only, unless --verbose asks for them on stderr too.
TEST(own_seed, download_logs_info_to_the_file_and_to_stderr_only_with_verbose)
{
    ts::temp_dir tmp;
    fs::path const torrent = tmp.path() / "t.torrent";
    auto const payload = make_case(tmp.path() / "seed", "payload", own_seed_single_file, torrent, {});
    our_seed seed(torrent, payload, tmp.path() / "s");

    auto const quiet =
        run_download(torrent.string(), tmp.path() / "out1", tmp.path() / "d1", {"--peer", seed.endpoint()});
    ASSERT_EQ(quiet.exit_code, 0) << quiet.err;
    EXPECT_EQ(quiet.err.find(" info ["), std::string::npos) << quiet.err;
    std::ifstream log_file(tmp.path() / "d1" / "download-state" / "picotorrent.log");
    std::string const logged((std::istreambuf_iterator<char>(log_file)), std::istreambuf_iterator<char>());
    EXPECT_NE(logged.find(" info [host] picotorrent "), std::string::npos) << logged;

    auto const verbose = run_download(torrent.string(), tmp.path() / "out2", tmp.path() / "d2",
                                      {"--peer", seed.endpoint(), "--verbose"});
    ASSERT_EQ(verbose.exit_code, 0) << verbose.err;
    EXPECT_NE(verbose.err.find(" info [host] picotorrent "), std::string::npos) << verbose.err;
}

INSTANTIATE_TEST_SUITE_P(layouts, own_seed_download,
                         ::testing::Values(layout_case{"single_v1", false, true, false},
                                           layout_case{"single_v2", false, false, true},
                                           layout_case{"single_hybrid", false, false, false},
                                           layout_case{"multi_v1", true, true, false},
                                           layout_case{"multi_v2", true, false, true},
                                           layout_case{"multi_hybrid", true, false, false}),
                         [](auto const& param_info) { return param_info.param.label; });

TEST(own_seed, magnet_with_peer_fetches_metadata_and_completes)
{
    ts::temp_dir tmp;
    fs::path const torrent = tmp.path() / "t.torrent";
    auto const payload = make_case(tmp.path() / "seed", "payload", own_seed_multi_file, torrent, {});
    // Until the host has filtered the files, the magnet looks finished and the seed closes the
    // connection. The host must reconnect at once, not after min_reconnect_time: an hour here
    // on both sides, so that a download that waits for either gives up (the fixture's
    // --session-timeout) and fails.
    nlohmann::json const patient = {{"min_reconnect_time", 3600}};
    our_seed seed(torrent, payload, tmp.path() / "s", {}, patient);

    std::string const magnet = lt::make_magnet_uri(lt::torrent_info(torrent.string()));
    ASSERT_EQ(magnet.rfind("magnet:", 0), 0u);
    auto const r =
        run_download(magnet, tmp.path() / "out", tmp.path() / "d", {"--peer", seed.endpoint()}, patient);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::string why;
    EXPECT_TRUE(ts::files_equal(payload, tmp.path() / "out" / "payload", &why)) << why;
}

// Both ends of ours with one transport switched off; --debug-handshake shows which one was used.
void transport_only(bool utp)
{
    ts::temp_dir tmp;
    fs::path const torrent = tmp.path() / "t.torrent";
    auto const payload = make_case(tmp.path() / "seed", "payload", own_seed_single_file, torrent, {});
    nlohmann::json const session =
        utp ? nlohmann::json{{"enable_tcp", false}} : nlohmann::json{{"enable_utp", false}};
    our_seed seed(torrent, payload, tmp.path() / "s", {}, session);

    auto const r = run_download(torrent.string(), tmp.path() / "out", tmp.path() / "d",
                                {"--peer", seed.endpoint(), "--debug-handshake"}, session);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::string why;
    EXPECT_TRUE(ts::files_equal(payload, tmp.path() / "out" / "payload", &why)) << why;
    std::string const used = utp ? "transport uTP" : "transport TCP";
    std::string const unused = utp ? "transport TCP" : "transport uTP";
    EXPECT_NE(r.err.find(used), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find(unused), std::string::npos) << r.err;
}

TEST(own_seed, utp_only_completes)
{
    transport_only(true);
}

TEST(own_seed, tcp_only_completes)
{
    transport_only(false);
}

TEST(own_seed, debug_handshake_prints_endpoint_transport_peer_id_and_client)
{
    ts::temp_dir tmp;
    fs::path const torrent = tmp.path() / "t.torrent";
    auto const payload = make_case(tmp.path() / "seed", "payload", own_seed_single_file, torrent, {});
    our_seed seed(torrent, payload, tmp.path() / "s");

    auto const r = run_download(torrent.string(), tmp.path() / "out", tmp.path() / "d",
                                {"--peer", seed.endpoint(), "--debug-handshake"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("connecting to " + seed.endpoint()), std::string::npos) << r.err;
    // Our own peer id prefix is -pT<version>-; the client table names it.
    auto const at = r.err.find("handshake: " + seed.endpoint() + " peer id ");
    ASSERT_NE(at, std::string::npos) << r.err;
    auto const line = r.err.substr(at, r.err.find('\n', at) - at);
    EXPECT_NE(line.find("(\"-pT"), std::string::npos) << line;
    EXPECT_NE(line.find("client \"PicoTorrent"), std::string::npos) << line;
    EXPECT_NE(line.find("transport "), std::string::npos) << line;
}

TEST(own_seed, sigint_stops_cleanly_and_rerun_continues)
{
    ts::temp_dir tmp;
    std::int64_t const total = 8 << 20;
    fs::path const torrent = tmp.path() / "t.torrent";
    auto const payload =
        make_case(tmp.path() / "seed", "payload", {{"", total}}, torrent, {.piece_size = 64 << 10});
    // Slow enough that the interrupt lands mid-download whatever the machine.
    ts::seeder seeder(torrent, tmp.path() / "seed", {.upload_rate_limit = 1 << 20});

    auto const config = write_config(tmp.path() / "d" / "download.json", 0);
    std::vector<std::string> args{
        "download",        torrent.string(),    "--out-dir", (tmp.path() / "out").string(), "--peer",
        seeder.endpoint(), "--resume-interval", "1",         "--session-timeout",           "60"};
    for (auto const& a : host_args(config, tmp.path() / "d" / "state"))
        args.push_back(a);
    {
        ts::child_process first(picotorrent(), args);
        ASSERT_TRUE(ts::wait_until([&] { return seeder.uploaded() >= total * 3 / 10; }, 120s));
        first.kill(SIGINT);
        int const code = first.wait(60s);
        EXPECT_EQ(code, 130) << first.stderr_text();
    }
    auto const served_before = seeder.uploaded();
    ASSERT_LT(served_before, total) << "the first run finished before it could be interrupted";
    bool resume_kept = false;
    std::error_code ec;
    for (auto const& e : fs::recursive_directory_iterator(tmp.path() / "d" / "state", ec))
        resume_kept = resume_kept || e.path().extension() == ".resume";
    EXPECT_TRUE(resume_kept) << "no resume data under " << (tmp.path() / "d" / "state");

    auto const r = run_picotorrent(args);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::string why;
    EXPECT_TRUE(ts::files_equal(payload, tmp.path() / "out" / "payload", &why)) << why;
    auto const served_total = seeder.uploaded();
    EXPECT_LT(served_total, total * 3 / 2)
        << "served " << served_total << " bytes for a " << total << "-byte payload: the rerun started over";
}

// `seed` takes the torrent's root folder, the folder that holds it, or the concatenation of
// its files; a download from each proves the mapping.
class seed_data_forms : public ::testing::TestWithParam<std::string> {};

TEST_P(seed_data_forms, seeds_and_download_completes)
{
    ts::temp_dir tmp;
    fs::path const torrent = tmp.path() / "t.torrent";
    bool const hybrid = GetParam().find("hybrid") != std::string::npos;
    auto const payload =
        make_case(tmp.path() / "seed", "payload", own_seed_multi_file, torrent, {.v1_only = !hybrid});
    fs::path data;
    if (GetParam() == "root_folder") {
        data = payload;
    } else if (GetParam() == "parent_folder") {
        data = tmp.path() / "seed";
    } else {
        // The files in metainfo order, one after the other; pad files (hybrid) hold no data.
        data = tmp.path() / "concatenated.bin";
        std::ofstream out(data, std::ios::binary);
        lt::torrent_info const ti(torrent.string());
        auto const& files = ti.files();
        for (auto const i : files.file_range()) {
            if (files.pad_file_at(i))
                continue;
            std::ifstream in(tmp.path() / "seed" / files.file_path(i), std::ios::binary);
            out << in.rdbuf();
        }
    }
    our_seed seed(torrent, data, tmp.path() / "s");
    auto const r =
        run_download(torrent.string(), tmp.path() / "out", tmp.path() / "d", {"--peer", seed.endpoint()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::string why;
    EXPECT_TRUE(ts::files_equal(payload, tmp.path() / "out" / "payload", &why)) << why;
}

INSTANTIATE_TEST_SUITE_P(forms, seed_data_forms,
                         ::testing::Values("root_folder", "parent_folder", "concatenation",
                                           "concatenation_hybrid"),
                         [](auto const& param_info) { return param_info.param; });

} // namespace
