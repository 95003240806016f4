#include "app/seed_layout.hpp"

#include <fstream>
#include <libtorrent/torrent_info.hpp>
#include <stdexcept>
#include <vector>

namespace pico::app {
namespace {

namespace fs = std::filesystem;

// Path of file i inside the torrent's root folder (without the root folder itself).
fs::path path_inside_root(lt::file_storage const& files, lt::file_index_t i)
{
    fs::path const full = files.file_path(i);
    fs::path rest;
    bool first = true;
    for (auto const& part : full) {
        if (first) {
            first = false;
            continue;
        }
        rest /= part;
    }
    return rest;
}

// Bytes of the real files: pad files (BEP 47, which v2 and hybrid torrents add) hold no data.
std::int64_t payload_size(lt::file_storage const& files)
{
    std::int64_t total = 0;
    for (auto const i : files.file_range()) {
        if (!files.pad_file_at(i))
            total += files.file_size(i);
    }
    return total;
}

void split_concatenation(lt::add_torrent_params& atp, fs::path const& data, fs::path const& scratch_dir)
{
    auto const& files = atp.ti->files();
    std::error_code ec;
    auto const size = fs::file_size(data, ec);
    auto const expected = payload_size(files);
    if (ec || static_cast<std::int64_t>(size) != expected)
        throw std::invalid_argument(data.string() + " is " + std::to_string(ec ? 0 : size) +
                                    " bytes; the concatenated payload of this torrent is " +
                                    std::to_string(expected) + " bytes");
    std::ifstream in(data, std::ios::binary);
    fs::path const root = scratch_dir / files.name();
    std::vector<char> buffer(1 << 20);
    for (auto const i : files.file_range()) {
        auto remaining = files.file_size(i);
        if (files.pad_file_at(i))
            continue; // not part of the concatenation
        fs::path const target = root / path_inside_root(files, i);
        fs::create_directories(target.parent_path());
        std::ofstream out(target, std::ios::binary | std::ios::trunc);
        while (remaining > 0) {
            auto const n =
                static_cast<std::streamsize>(std::min<std::int64_t>(remaining, std::int64_t(buffer.size())));
            if (!in.read(buffer.data(), n) || !out.write(buffer.data(), n))
                throw std::invalid_argument("cannot split " + data.string() + " into " + target.string());
            remaining -= n;
        }
    }
    atp.save_path = scratch_dir.string();
}

} // namespace

void map_seed_data(lt::add_torrent_params& atp, fs::path const& data_in, fs::path const& scratch_dir)
{
    auto const& files = atp.ti->files();
    fs::path const data = fs::absolute(data_in).lexically_normal();
    std::error_code ec;
    if (!fs::exists(data, ec))
        throw std::invalid_argument(data_in.string() + ": no such file or directory");

    // A v2 single-file torrent still has one real file at the top, plus a tail pad file.
    int real_files = 0;
    for (auto const i : files.file_range())
        real_files += files.pad_file_at(i) ? 0 : 1;
    bool const single_file = real_files == 1 && files.file_path(lt::file_index_t{0}) == files.name();
    if (single_file) {
        if (!fs::is_regular_file(data))
            throw std::invalid_argument(data_in.string() +
                                        ": this single-file torrent needs a file, not a directory");
        atp.save_path = data.parent_path().string();
        atp.renamed_files[lt::file_index_t{0}] = data.filename().string();
        return;
    }
    if (fs::is_regular_file(data)) {
        split_concatenation(atp, data, scratch_dir);
        return;
    }
    // A directory: the torrent's root folder, or the folder that contains it.
    fs::path root = data;
    if (fs::is_directory(data / files.name()) && data.filename() != files.name())
        root = data / files.name();
    atp.save_path = root.parent_path().string();
    if (root.filename() != files.name()) {
        for (auto const i : files.file_range()) {
            if (!files.pad_file_at(i))
                atp.renamed_files[i] = (root / path_inside_root(files, i)).string();
        }
    }
}

} // namespace pico::app
