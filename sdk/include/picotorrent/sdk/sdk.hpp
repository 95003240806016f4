// Everything a plugin needs, in one include.
#pragma once

#include <picotorrent/sdk/add_torrent.hpp>
#include <picotorrent/sdk/create_torrent.hpp>
#include <picotorrent/sdk/events.hpp>
#include <picotorrent/sdk/front_end.hpp>
#include <picotorrent/sdk/host.hpp>
#include <picotorrent/sdk/plugin.hpp>
#include <picotorrent/sdk/session_info.hpp>
#include <picotorrent/sdk/subscription.hpp>
#include <picotorrent/sdk/torrent.hpp>
#include <picotorrent/sdk/version.hpp>
