// Resume data and session state survive a round trip through real files; bad files are set aside.
#include "persistence/resume_store.hpp"
#include "support/test_support.hpp"
#include "util/atomic_file.hpp"
#include "util/info_hash.hpp"

#include <fstream>
#include <gtest/gtest.h>
#include <libtorrent/alert_types.hpp>
#include <libtorrent/magnet_uri.hpp>
#include <libtorrent/session.hpp>
#include <libtorrent/torrent_flags.hpp>
#include <libtorrent/torrent_info.hpp>

namespace {

namespace fs = std::filesystem;
using namespace pico;
using namespace std::chrono_literals;
using persistence::resume_store;

std::vector<std::string> names_in(fs::path const& dir)
{
    std::vector<std::string> out;
    for (auto const& e : fs::directory_iterator(dir))
        out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
}

// Asks for resume data and waits for it, as the session host does.
lt::add_torrent_params resume_data_of(lt::session& ses, lt::torrent_handle const& h)
{
    h.save_resume_data(lt::torrent_handle::save_info_dict);
    std::optional<lt::add_torrent_params> params;
    bool const got = test_support::wait_until(
        [&] {
            std::vector<lt::alert*> alerts;
            ses.pop_alerts(&alerts);
            for (auto* a : alerts) {
                if (auto* rd = lt::alert_cast<lt::save_resume_data_alert>(a))
                    params = rd->params;
                else if (auto* rf = lt::alert_cast<lt::save_resume_data_failed_alert>(a))
                    ADD_FAILURE() << rf->message();
            }
            return params.has_value();
        },
        60s);
    EXPECT_TRUE(got) << "no resume data";
    return params ? *params : lt::add_torrent_params{};
}

class resume_store_test : public ::testing::Test {
  protected:
    fs::path state() const { return tmp.path() / "state"; }
    test_support::temp_dir tmp;
};

TEST_F(resume_store_test, a_real_torrent_round_trips_and_restarts_without_rechecking)
{
    auto const payload = tmp.path() / "seed" / "data";
    test_support::make_payload(payload, {{"a.bin", 200000}, {"b.bin", 50000}}, 6);
    auto const hashes =
        test_support::make_torrent(payload, tmp.path() / "data.torrent", {.piece_size = 16384});
    auto const key = util::info_hash_string(hashes);

    resume_store store(state());
    EXPECT_EQ(store.directory(), state());
    {
        lt::session ses(lt::session_params(test_support::loopback_settings()));
        lt::add_torrent_params atp;
        atp.ti = std::make_shared<lt::torrent_info>((tmp.path() / "data.torrent").string());
        atp.save_path = (tmp.path() / "seed").string();
        auto const h = ses.add_torrent(std::move(atp));
        ASSERT_TRUE(test_support::wait_until([&] { return h.status().is_seeding; }, 60s));
        store.save(resume_data_of(ses, h));
    }
    EXPECT_TRUE(fs::exists(state() / "resume" / (key + ".resume")));
    EXPECT_EQ(store.resume_file(key), state() / "resume" / (key + ".resume"));

    auto loaded = resume_store(state()).load_all();
    EXPECT_TRUE(loaded.errors.empty()) << loaded.errors.front();
    ASSERT_EQ(loaded.torrents.size(), 1u);
    auto& atp = loaded.torrents.front();
    ASSERT_TRUE(atp.ti) << "the info dictionary is kept";
    EXPECT_EQ(atp.ti->info_hashes(), hashes);
    EXPECT_EQ(atp.save_path, (tmp.path() / "seed").string());
    EXPECT_EQ(atp.name, "data");
    EXPECT_EQ(atp.have_pieces.count(), atp.ti->num_pieces());

    // The restored torrent seeds straight from resume data: no full recheck needed.
    lt::session ses(lt::session_params(test_support::loopback_settings()));
    auto const h = ses.add_torrent(std::move(atp));
    ASSERT_TRUE(test_support::wait_until([&] { return h.status().is_seeding; }, 60s));
    EXPECT_EQ(h.status().total_payload_download, 0);
}

TEST_F(resume_store_test, a_magnet_without_metadata_round_trips)
{
    std::string const hex = "0123456789abcdef0123456789abcdef01234567";
    lt::add_torrent_params saved;
    {
        lt::session ses(lt::session_params(test_support::loopback_settings()));
        auto atp = lt::parse_magnet_uri("magnet:?xt=urn:btih:" + hex +
                                        "&dn=pending%20name&tr=http%3A%2F%2F127.0.0.1%3A1%2Fannounce");
        atp.save_path = (tmp.path() / "dl").string();
        atp.flags |= lt::torrent_flags::paused;
        atp.flags &= ~lt::torrent_flags::auto_managed;
        auto const h = ses.add_torrent(std::move(atp));
        saved = resume_data_of(ses, h);
    }
    EXPECT_FALSE(saved.ti);
    resume_store(state()).save(saved);
    EXPECT_EQ(names_in(state() / "resume"), std::vector<std::string>{hex + ".resume"});

    auto loaded = resume_store(state()).load_all();
    ASSERT_EQ(loaded.torrents.size(), 1u);
    auto const& atp = loaded.torrents.front();
    EXPECT_FALSE(atp.ti);
    EXPECT_EQ(util::info_hash_string(atp.info_hashes), hex);
    EXPECT_EQ(atp.name, "pending name");
    EXPECT_EQ(atp.trackers, std::vector<std::string>{"http://127.0.0.1:1/announce"});
    EXPECT_EQ(atp.save_path, (tmp.path() / "dl").string());
    EXPECT_TRUE(atp.flags & lt::torrent_flags::paused);
}

TEST_F(resume_store_test, a_v2_only_magnet_is_keyed_by_its_v2_hash)
{
    std::string const v2 = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
    auto atp = lt::parse_magnet_uri("magnet:?xt=urn:btmh:1220" + v2 + "&dn=v2");
    atp.save_path = "/somewhere";
    resume_store store(state());
    store.save(atp);
    EXPECT_TRUE(fs::exists(state() / "resume" / (v2 + ".resume")));
    auto loaded = store.load_all();
    ASSERT_EQ(loaded.torrents.size(), 1u);
    EXPECT_EQ(util::v2_hash_string(loaded.torrents.front().info_hashes), v2);
}

TEST_F(resume_store_test, a_corrupt_file_is_reported_and_set_aside_never_deleted)
{
    resume_store store(state());
    auto good = lt::parse_magnet_uri("magnet:?xt=urn:btih:1111111111111111111111111111111111111111&dn=good");
    good.save_path = "/x";
    store.save(good);
    std::string const bad_hash = "2222222222222222222222222222222222222222";
    std::ofstream(state() / "resume" / (bad_hash + ".resume")) << "d8:garbage";

    auto loaded = store.load_all();
    ASSERT_EQ(loaded.torrents.size(), 1u);
    EXPECT_EQ(loaded.torrents.front().name, "good");
    ASSERT_EQ(loaded.errors.size(), 1u);
    auto const& line = loaded.errors.front();
    EXPECT_NE(line.find(bad_hash + ".resume"), std::string::npos) << line;
    EXPECT_NE(line.find("corrupt"), std::string::npos) << line;
    EXPECT_EQ(line.find('\n'), std::string::npos) << "one line";
    EXPECT_EQ(names_in(state() / "resume"),
              (std::vector<std::string>{"1111111111111111111111111111111111111111.resume",
                                        bad_hash + ".resume.bad"}));
    EXPECT_EQ(util::read_file(state() / "resume" / (bad_hash + ".resume.bad")), "d8:garbage")
        << "kept as it was";

    // Once set aside, it no longer bothers the next start.
    auto again = store.load_all();
    EXPECT_EQ(again.torrents.size(), 1u);
    EXPECT_TRUE(again.errors.empty());
}

TEST_F(resume_store_test, a_file_whose_name_is_not_its_hash_is_set_aside)
{
    resume_store store(state());
    auto atp = lt::parse_magnet_uri("magnet:?xt=urn:btih:3333333333333333333333333333333333333333");
    atp.save_path = "/x";
    store.save(atp);
    fs::rename(state() / "resume" / "3333333333333333333333333333333333333333.resume",
               state() / "resume" / "4444444444444444444444444444444444444444.resume");
    auto loaded = store.load_all();
    EXPECT_TRUE(loaded.torrents.empty());
    ASSERT_EQ(loaded.errors.size(), 1u);
    EXPECT_NE(loaded.errors.front().find("3333333333333333333333333333333333333333"), std::string::npos);
    EXPECT_TRUE(fs::exists(state() / "resume" / "4444444444444444444444444444444444444444.resume.bad"));
}

TEST_F(resume_store_test, writes_leave_no_temporary_files_and_stale_ones_are_cleaned)
{
    resume_store store(state());
    auto atp = lt::parse_magnet_uri("magnet:?xt=urn:btih:5555555555555555555555555555555555555555&dn=one");
    atp.save_path = "/x";
    for (int i = 0; i < 5; ++i) {
        atp.name = "version " + std::to_string(i);
        store.save(atp);
    }
    store.save_session_state(lt::session_params());
    EXPECT_EQ(names_in(state() / "resume"),
              std::vector<std::string>{"5555555555555555555555555555555555555555.resume"});
    EXPECT_EQ(names_in(state()), (std::vector<std::string>{"resume", "session.state"}));
    EXPECT_EQ(store.load_all().torrents.at(0).name, "version 4") << "the last write wins";

    // What a kill -9 in the middle of another process's write leaves behind.
    std::ofstream(state() / "resume" / ".5555555555555555555555555555555555555555.resume.tmp.1.abc")
        << "half";
    auto loaded = store.load_all();
    EXPECT_TRUE(loaded.errors.empty());
    EXPECT_EQ(loaded.torrents.size(), 1u);
    EXPECT_EQ(names_in(state() / "resume"),
              std::vector<std::string>{"5555555555555555555555555555555555555555.resume"});
}

TEST_F(resume_store_test, remove_forgets_a_torrent_and_ignores_anything_else)
{
    resume_store store(state());
    auto atp = lt::parse_magnet_uri("magnet:?xt=urn:btih:6666666666666666666666666666666666666666");
    atp.save_path = "/x";
    store.save(atp);
    std::ofstream(tmp.path() / "precious") << "keep";
    store.remove("../../precious");
    store.remove("7777777777777777777777777777777777777777");
    EXPECT_TRUE(fs::exists(tmp.path() / "precious"));
    EXPECT_EQ(store.load_all().torrents.size(), 1u);
    store.remove("6666666666666666666666666666666666666666");
    EXPECT_TRUE(store.load_all().torrents.empty());

    // Hashes are compared as hashes, not as text.
    atp = lt::parse_magnet_uri("magnet:?xt=urn:btih:abcdefabcdefabcdefabcdefabcdefabcdefabcd");
    atp.save_path = "/x";
    store.save(atp);
    store.remove("ABCDEFABCDEFABCDEFABCDEFABCDEFABCDEFABCD");
    EXPECT_TRUE(store.load_all().torrents.empty());
}

TEST_F(resume_store_test, params_without_an_info_hash_are_refused)
{
    resume_store store(state());
    EXPECT_THROW(store.save(lt::add_torrent_params()), std::invalid_argument);
    EXPECT_FALSE(fs::exists(state() / "resume"));
}

TEST_F(resume_store_test, an_empty_state_directory_loads_nothing)
{
    resume_store store(tmp.path() / "never-created");
    auto loaded = store.load_all();
    EXPECT_TRUE(loaded.torrents.empty());
    EXPECT_TRUE(loaded.errors.empty());
    std::string error;
    EXPECT_FALSE(store.load_session_state(&error));
    EXPECT_EQ(error, "") << "absent is not an error";
    EXPECT_FALSE(fs::exists(tmp.path() / "never-created"));
}

TEST_F(resume_store_test, session_state_round_trips)
{
    resume_store store(state());
    {
        auto settings = test_support::loopback_settings();
        settings.set_int(lt::settings_pack::active_downloads, 7);
        settings.set_str(lt::settings_pack::user_agent, "pico-test/1.0");
        lt::session ses(lt::session_params(std::move(settings)));
        store.save_session_state(ses.session_state());
    }
    std::string error;
    auto params = store.load_session_state(&error);
    ASSERT_TRUE(params) << error;
    EXPECT_EQ(params->settings.get_int(lt::settings_pack::active_downloads), 7);
    EXPECT_EQ(params->settings.get_str(lt::settings_pack::user_agent), "pico-test/1.0");
    EXPECT_FALSE(params->settings.get_bool(lt::settings_pack::enable_dht));
}

TEST_F(resume_store_test, corrupt_session_state_is_reported_and_set_aside)
{
    resume_store store(state());
    fs::create_directories(state());
    for (std::string const garbage : {"not bencode at all", "i42e"}) {
        std::ofstream(state() / "session.state") << garbage;
        std::string error;
        EXPECT_FALSE(store.load_session_state(&error));
        EXPECT_NE(error.find("session.state"), std::string::npos) << error;
        EXPECT_NE(error.find("corrupt"), std::string::npos) << error;
        EXPECT_FALSE(fs::exists(state() / "session.state"));
        EXPECT_TRUE(fs::exists(state() / "session.state.bad"));
    }
}

} // namespace
