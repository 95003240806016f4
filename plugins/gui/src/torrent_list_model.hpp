// The torrent list: one row per torrent, kept up to date by host events only (added, removed,
// updated batches) — never by polling the host.
#pragma once

#include <QAbstractTableModel>
#include <QCollator>
#include <QCollatorSortKey>
#include <picotorrent/sdk/torrent.hpp>
#include <string>
#include <unordered_map>
#include <vector>

namespace pico::gui {

/// Columns, in display order.
enum torrent_column : int {
    col_name,
    col_queue,
    col_size,
    col_progress,
    col_status,
    col_eta,
    col_down,
    col_up,
    col_seeds,
    col_peers,
    col_ratio,
    col_added,
    column_count
};

/// Role that returns the raw value to sort by (numbers, not display text).
inline constexpr int sort_role = Qt::UserRole + 1;
/// Role that returns the row's info hash.
inline constexpr int info_hash_role = Qt::UserRole + 2;
/// Role that returns the status code as an int.
inline constexpr int status_role = Qt::UserRole + 3;

/// A QAbstractTableModel over torrent snapshots, indexed by info hash.
class torrent_list_model final : public QAbstractTableModel {
    Q_OBJECT
  public:
    explicit torrent_list_model(QObject* parent = nullptr);

    int rowCount(QModelIndex const& parent = {}) const override;
    int columnCount(QModelIndex const& parent = {}) const override;
    QVariant data(QModelIndex const& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    /// Replaces every row (the snapshot read when the window opens).
    void reset(std::vector<sdk::torrent_snapshot> torrents);
    /// Adds a row, or updates it when the torrent is already listed.
    void upsert(sdk::torrent_snapshot const& torrent);
    /// Updates the rows of a batch; unknown torrents are added, all in one row insertion.
    void update(std::vector<sdk::torrent_snapshot> const& torrents);
    /// Removes a torrent's row, if listed.
    void remove(std::string const& info_hash);
    /// The snapshot for a row.
    sdk::torrent_snapshot const& at(int row) const { return m_rows[static_cast<std::size_t>(row)]; }
    /// Row of a torrent, -1 when not listed.
    int row_of(std::string const& info_hash) const;
    /// Name order of two rows (locale-aware, case-insensitive, numbers by value): compares the
    /// sort keys cached when each name was set, so sorting 10,000 rows makes no strings.
    bool name_less(int a, int b) const
    {
        return m_name_keys[static_cast<std::size_t>(a)].compare(m_name_keys[static_cast<std::size_t>(b)]) < 0;
    }

  private:
    QCollatorSortKey name_key(std::string const& name) const;
    /// Overwrites a row's snapshot, re-keying its name only when the name changed.
    void replace(int row, sdk::torrent_snapshot const& torrent);

    QCollator m_collator;
    std::vector<sdk::torrent_snapshot> m_rows;
    std::vector<QCollatorSortKey> m_name_keys; // parallel to m_rows
    std::unordered_map<std::string, int> m_row_by_hash;
};

} // namespace pico::gui
