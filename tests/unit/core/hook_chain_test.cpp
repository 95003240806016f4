#include "core/hook_chain.hpp"

#include <gtest/gtest.h>
#include <stdexcept>

namespace {

using pico::core::hook_chain;
using namespace pico::sdk;

TEST(hook_chain, runs_by_order_then_registration)
{
    std::vector<std::string> failures;
    hook_chain chain([&](std::string const& o, std::string const&) { failures.push_back(o); });
    std::string trace;
    auto a = chain.add(
        "a",
        [&](add_torrent_request&) {
            trace += "a";
            return hook_decision::accept();
        },
        10);
    auto b = chain.add(
        "b",
        [&](add_torrent_request&) {
            trace += "b";
            return hook_decision::accept();
        },
        -5);
    auto c = chain.add(
        "c",
        [&](add_torrent_request&) {
            trace += "c";
            return hook_decision::accept();
        },
        10);
    add_torrent_request r;
    EXPECT_FALSE(chain.run(r));
    EXPECT_EQ(trace, "bac");
}

TEST(hook_chain, hooks_change_the_request_and_later_hooks_see_the_change)
{
    hook_chain chain([](std::string const&, std::string const&) {});
    auto a = chain.add(
        "a",
        [](add_torrent_request& r) {
            r.save_path = "/data";
            r.file_priorities = {0, 4};
            return hook_decision::accept();
        },
        0);
    std::string seen;
    auto b = chain.add(
        "b",
        [&](add_torrent_request& r) {
            seen = r.save_path;
            return hook_decision::accept();
        },
        1);
    add_torrent_request r;
    EXPECT_FALSE(chain.run(r));
    EXPECT_EQ(seen, "/data");
    EXPECT_EQ(r.file_priorities, (std::vector<std::uint8_t>{0, 4}));
}

TEST(hook_chain, first_rejection_stops_the_chain_and_names_the_plugin)
{
    hook_chain chain([](std::string const&, std::string const&) {});
    bool later = false;
    auto a = chain.add(
        "filters", [](add_torrent_request&) { return hook_decision::reject("bad regex"); }, 0);
    auto b = chain.add(
        "b",
        [&](add_torrent_request&) {
            later = true;
            return hook_decision::accept();
        },
        1);
    add_torrent_request r;
    auto reason = chain.run(r);
    ASSERT_TRUE(reason);
    EXPECT_EQ(*reason, "filters: bad regex");
    EXPECT_FALSE(later);
}

TEST(hook_chain, a_throwing_hook_is_reported_and_skipped)
{
    std::vector<std::string> failures;
    hook_chain chain(
        [&](std::string const& o, std::string const& what) { failures.push_back(o + "|" + what); });
    auto a = chain.add(
        "bad", [](add_torrent_request&) -> hook_decision { throw std::runtime_error("x"); }, 0);
    bool later = false;
    auto b = chain.add(
        "b",
        [&](add_torrent_request&) {
            later = true;
            return hook_decision::accept();
        },
        1);
    add_torrent_request r;
    EXPECT_FALSE(chain.run(r));
    EXPECT_TRUE(later);
    ASSERT_EQ(failures.size(), 1u);
    EXPECT_EQ(failures[0], "bad|threw from its add-torrent hook: x");
}

TEST(hook_chain, unsubscribing_and_remove_owner)
{
    hook_chain chain([](std::string const&, std::string const&) {});
    auto a = chain.add(
        "a", [](add_torrent_request&) { return hook_decision::reject("a"); }, 0);
    auto b = chain.add(
        "b", [](add_torrent_request&) { return hook_decision::reject("b"); }, 1);
    a.reset();
    add_torrent_request r;
    EXPECT_EQ(*chain.run(r), "b: b");
    chain.remove_owner("b");
    EXPECT_FALSE(chain.run(r));
    EXPECT_EQ(chain.size(), 0u);
}

} // namespace
