#include "torrent_list_model.hpp"

#include "formatting.hpp"

#include <QDateTime>
#include <QLocale>
#include <algorithm>

namespace pico::gui {

torrent_list_model::torrent_list_model(QObject* parent) : QAbstractTableModel(parent)
{
    // Under LANG=C Qt compares code units and ignores numeric mode: collate as English there.
    if (QLocale().language() == QLocale::C)
        m_collator.setLocale(QLocale(QLocale::English));
    m_collator.setCaseSensitivity(Qt::CaseInsensitive);
    m_collator.setNumericMode(true); // "Episode 2" before "Episode 10"
}

QCollatorSortKey torrent_list_model::name_key(std::string const& name) const
{
    return m_collator.sortKey(QString::fromStdString(name));
}

int torrent_list_model::rowCount(QModelIndex const& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int torrent_list_model::columnCount(QModelIndex const& parent) const
{
    return parent.isValid() ? 0 : column_count;
}

QVariant torrent_list_model::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static char const* const names[column_count] = {"Name", "#",  "Size",  "Progress", "Status", "ETA",
                                                    "Down", "Up", "Seeds", "Peers",    "Ratio",  "Added"};
    return section >= 0 && section < column_count ? QString::fromLatin1(names[section]) : QVariant();
}

QVariant torrent_list_model::data(QModelIndex const& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    auto const& t = at(index.row());
    if (role == info_hash_role)
        return QString::fromStdString(t.info_hash);
    if (role == status_role)
        return static_cast<int>(t.status);
    if (role == sort_role) {
        switch (index.column()) {
        case col_name:
            return QString::fromStdString(t.name).toCaseFolded();
        case col_queue:
            return t.queue_position < 0 ? std::numeric_limits<int>::max() : t.queue_position;
        case col_size:
            return static_cast<qlonglong>(t.size);
        case col_progress:
            return t.progress;
        case col_status:
            return static_cast<int>(t.status);
        case col_eta:
            return t.eta < 0 ? std::numeric_limits<qlonglong>::max() : static_cast<qlonglong>(t.eta);
        case col_down:
            return static_cast<qlonglong>(t.download_rate);
        case col_up:
            return static_cast<qlonglong>(t.upload_rate);
        case col_seeds:
            return t.seeds_connected;
        case col_peers:
            return t.nonseeds_connected;
        case col_ratio:
            return t.ratio;
        case col_added:
            return static_cast<qlonglong>(t.added_time);
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole && index.column() == col_status && !t.error.empty())
        return QString::fromStdString(t.error);
    if (role == Qt::TextAlignmentRole && index.column() != col_name && index.column() != col_status)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case col_name:
        return QString::fromStdString(t.name);
    case col_queue:
        return t.queue_position < 0 ? QString() : QString::number(t.queue_position + 1);
    case col_size:
        return t.size > 0 ? size_text(t.size) : QString();
    case col_progress:
        return t.progress; // drawn as a bar by progress_delegate
    case col_status:
        return status_text(t.status);
    case col_eta:
        return t.eta < 0 ? QString() : eta_text(t.eta);
    case col_down:
        return rate_text(t.download_rate);
    case col_up:
        return rate_text(t.upload_rate);
    case col_seeds:
        return QStringLiteral("%1 (%2)").arg(t.seeds_connected).arg(t.seeds_total);
    case col_peers:
        return QStringLiteral("%1 (%2)").arg(t.nonseeds_connected).arg(t.nonseeds_total);
    case col_ratio:
        return QString::number(t.ratio, 'f', 2);
    case col_added:
        return t.added_time > 0
                   ? QDateTime::fromSecsSinceEpoch(t.added_time).toString(QStringLiteral("yyyy-MM-dd HH:mm"))
                   : QString();
    default:
        return {};
    }
}

void torrent_list_model::reset(std::vector<sdk::torrent_snapshot> torrents)
{
    beginResetModel();
    m_rows = std::move(torrents);
    m_row_by_hash.clear();
    m_name_keys.clear();
    m_name_keys.reserve(m_rows.size());
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        m_row_by_hash[m_rows[i].info_hash] = static_cast<int>(i);
        m_name_keys.push_back(name_key(m_rows[i].name));
    }
    endResetModel();
}

int torrent_list_model::row_of(std::string const& info_hash) const
{
    auto it = m_row_by_hash.find(info_hash);
    return it == m_row_by_hash.end() ? -1 : it->second;
}

void torrent_list_model::upsert(sdk::torrent_snapshot const& torrent)
{
    if (int const row = row_of(torrent.info_hash); row >= 0) {
        replace(row, torrent);
        emit dataChanged(index(row, 0), index(row, column_count - 1));
        return;
    }
    int const row = rowCount();
    beginInsertRows({}, row, row);
    m_rows.push_back(torrent);
    m_name_keys.push_back(name_key(torrent.name));
    m_row_by_hash[torrent.info_hash] = row;
    endInsertRows();
}

void torrent_list_model::replace(int row, sdk::torrent_snapshot const& torrent)
{
    auto& slot = m_rows[static_cast<std::size_t>(row)];
    // A key costs a collation: only a new name (metadata arrived, a rename) makes one.
    if (slot.name != torrent.name)
        m_name_keys[static_cast<std::size_t>(row)] = name_key(torrent.name);
    slot = torrent;
}

void torrent_list_model::update(std::vector<sdk::torrent_snapshot> const& torrents)
{
    // One dataChanged over the span of touched rows: a batch of 1,000 is one signal, not 1,000.
    int first = rowCount();
    int last = -1;
    std::vector<sdk::torrent_snapshot const*> fresh;
    std::unordered_map<std::string, std::size_t> fresh_index;
    for (auto const& t : torrents) {
        int const row = row_of(t.info_hash);
        if (row < 0) {
            // Listed twice in one batch: the later snapshot is the newer one.
            auto const [it, inserted] = fresh_index.emplace(t.info_hash, fresh.size());
            if (inserted)
                fresh.push_back(&t);
            else
                fresh[it->second] = &t;
            continue;
        }
        replace(row, t);
        first = std::min(first, row);
        last = std::max(last, row);
    }
    if (last >= 0)
        emit dataChanged(index(first, 0), index(last, column_count - 1));
    if (fresh.empty())
        return;
    // One insertion for all new rows: the sorted proxy and the view re-map once, not per row.
    int const row = rowCount();
    beginInsertRows({}, row, row + static_cast<int>(fresh.size()) - 1);
    for (auto const* t : fresh) {
        m_row_by_hash[t->info_hash] = static_cast<int>(m_rows.size());
        m_rows.push_back(*t);
        m_name_keys.push_back(name_key(t->name));
    }
    endInsertRows();
}

void torrent_list_model::remove(std::string const& info_hash)
{
    int const row = row_of(info_hash);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_rows.erase(m_rows.begin() + row);
    m_name_keys.erase(m_name_keys.begin() + row);
    m_row_by_hash.erase(info_hash);
    for (std::size_t i = static_cast<std::size_t>(row); i < m_rows.size(); ++i)
        m_row_by_hash[m_rows[i].info_hash] = static_cast<int>(i);
    endRemoveRows();
}

} // namespace pico::gui
