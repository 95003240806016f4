// A libtorrent disk I/O that forwards every job to another one, but hands the result of
// async_set_file_priority back only after a delay. libtorrent applies file priorities when that
// job returns, so this widens, on purpose, the window in which a torrent whose priorities were
// set still reports nothing wanted: what a busy machine's disk thread does by accident.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <libtorrent/disk_interface.hpp>
#include <libtorrent/session_params.hpp>
#include <map>
#include <memory>

namespace pico::test_support {

class slow_priority_disk_io final : public lt::disk_interface {
  public:
    slow_priority_disk_io(std::unique_ptr<lt::disk_interface> inner, lt::io_context& ioc,
                          std::chrono::milliseconds delay)
        : m_inner(std::move(inner)), m_ioc(ioc), m_delay(delay)
    {
    }

    /// Wraps `inner` so that every session it makes delays priority changes by `delay`.
    static lt::disk_io_constructor_type wrap(lt::disk_io_constructor_type inner,
                                             std::chrono::milliseconds delay)
    {
        return [inner = std::move(inner), delay](lt::io_context& ioc, lt::settings_interface const& s,
                                                 lt::counters& c) -> std::unique_ptr<lt::disk_interface> {
            return std::make_unique<slow_priority_disk_io>(inner(ioc, s, c), ioc, delay);
        };
    }

    lt::storage_holder new_torrent(lt::storage_params const& p, std::shared_ptr<void> const& torrent) override
    {
        // The inner holder stays here; libtorrent's holder points at this object, whose
        // remove_torrent releases the inner one.
        auto inner = m_inner->new_torrent(p, torrent);
        lt::storage_index_t const index = inner;
        m_storages.insert_or_assign(index, std::move(inner));
        return lt::storage_holder(index, *this);
    }
    void remove_torrent(lt::storage_index_t index) override { m_storages.erase(index); }

    void
    async_set_file_priority(lt::storage_index_t storage,
                            lt::aux::vector<lt::download_priority_t, lt::file_index_t> prio,
                            std::function<void(lt::storage_error const&,
                                               lt::aux::vector<lt::download_priority_t, lt::file_index_t>)>
                                handler) override
    {
        m_inner->async_set_file_priority(
            storage, std::move(prio),
            [this, handler = std::move(handler)](lt::storage_error const& error, auto p) {
                auto timer = std::make_shared<boost::asio::steady_timer>(m_ioc, m_delay);
                timer->async_wait([timer, handler, error, p = std::move(p)](
                                      boost::system::error_code const&) { handler(error, p); });
            });
    }

    void async_read(lt::storage_index_t s, lt::peer_request const& r,
                    std::function<void(lt::disk_buffer_holder, lt::storage_error const&)> h,
                    lt::disk_job_flags_t f) override
    {
        m_inner->async_read(s, r, std::move(h), f);
    }
    bool async_write(lt::storage_index_t s, lt::peer_request const& r, char const* buf,
                     std::shared_ptr<lt::disk_observer> o, std::function<void(lt::storage_error const&)> h,
                     lt::disk_job_flags_t f) override
    {
        return m_inner->async_write(s, r, buf, std::move(o), std::move(h), f);
    }
    void async_hash(
        lt::storage_index_t s, lt::piece_index_t p, lt::span<lt::sha256_hash> v2, lt::disk_job_flags_t f,
        std::function<void(lt::piece_index_t, lt::sha1_hash const&, lt::storage_error const&)> h) override
    {
        m_inner->async_hash(s, p, v2, f, std::move(h));
    }
    void async_hash2(
        lt::storage_index_t s, lt::piece_index_t p, int offset, lt::disk_job_flags_t f,
        std::function<void(lt::piece_index_t, lt::sha256_hash const&, lt::storage_error const&)> h) override
    {
        m_inner->async_hash2(s, p, offset, f, std::move(h));
    }
    void async_move_storage(
        lt::storage_index_t s, std::string p, lt::move_flags_t f,
        std::function<void(lt::status_t, std::string const&, lt::storage_error const&)> h) override
    {
        m_inner->async_move_storage(s, std::move(p), f, std::move(h));
    }
    void async_release_files(lt::storage_index_t s, std::function<void()> h) override
    {
        m_inner->async_release_files(s, std::move(h));
    }
    void async_check_files(lt::storage_index_t s, lt::add_torrent_params const* resume,
                           lt::aux::vector<std::string, lt::file_index_t> links,
                           std::function<void(lt::status_t, lt::storage_error const&)> h) override
    {
        m_inner->async_check_files(s, resume, std::move(links), std::move(h));
    }
    void async_stop_torrent(lt::storage_index_t s, std::function<void()> h) override
    {
        m_inner->async_stop_torrent(s, std::move(h));
    }
    void async_rename_file(
        lt::storage_index_t s, lt::file_index_t i, std::string name,
        std::function<void(std::string const&, lt::file_index_t, lt::storage_error const&)> h) override
    {
        m_inner->async_rename_file(s, i, std::move(name), std::move(h));
    }
    void async_delete_files(lt::storage_index_t s, lt::remove_flags_t o,
                            std::function<void(lt::storage_error const&)> h) override
    {
        m_inner->async_delete_files(s, o, std::move(h));
    }
    void async_clear_piece(lt::storage_index_t s, lt::piece_index_t i,
                           std::function<void(lt::piece_index_t)> h) override
    {
        m_inner->async_clear_piece(s, i, std::move(h));
    }
    void update_stats_counters(lt::counters& c) const override { m_inner->update_stats_counters(c); }
    std::vector<lt::open_file_state> get_status(lt::storage_index_t s) const override
    {
        return m_inner->get_status(s);
    }
    void abort(bool wait) override { m_inner->abort(wait); }
    void submit_jobs() override { m_inner->submit_jobs(); }
    void settings_updated() override { m_inner->settings_updated(); }

  private:
    std::unique_ptr<lt::disk_interface> m_inner;
    lt::io_context& m_ioc;
    std::chrono::milliseconds m_delay;
    // Declared last, so destroyed first: the inner holders release their storages while the
    // inner disk I/O still exists.
    std::map<lt::storage_index_t, lt::storage_holder> m_storages;
};

} // namespace pico::test_support
