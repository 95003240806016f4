#include "details_pane.hpp"

#include "formatting.hpp"

#include <QDateTime>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QTreeView>

namespace pico::gui {
namespace {

QTableWidget* make_table(QStringList const& headers, QString const& name, QWidget* parent)
{
    auto* t = new QTableWidget(0, static_cast<int>(headers.size()), parent);
    t->setHorizontalHeaderLabels(headers);
    t->setAccessibleName(name);
    t->verticalHeader()->hide();
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->horizontalHeader()->setStretchLastSection(true);
    return t;
}

void set_row(QTableWidget* t, int row, QStringList const& cells)
{
    for (int c = 0; c < cells.size(); ++c)
        t->setItem(row, c, new QTableWidgetItem(cells[c]));
}

} // namespace

details_pane::details_pane(host_link& link, QWidget* parent)
    : QTabWidget(parent), m_link(link), m_files(new file_tree_model(true, this))
{
    setAccessibleName(QStringLiteral("Torrent details"));
    m_overview = new QLabel(this);
    m_overview->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_overview->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_overview->setAccessibleName(QStringLiteral("Overview"));
    addTab(m_overview, QStringLiteral("Overview"));

    auto* tree = new QTreeView(this);
    tree->setModel(m_files);
    tree->setUniformRowHeights(true);
    tree->setAccessibleName(QStringLiteral("Files"));
    tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    tree->header()->setStretchLastSection(false);
    addTab(tree, QStringLiteral("Files"));
    // Unchecking a file skips it (priority 0); checking it back restores the default.
    connect(m_files, &file_tree_model::priorities_changed, this, [this] {
        if (m_hash.empty())
            return;
        m_link.host.post([h = &m_link.host, hash = m_hash, p = m_files->priorities()] {
            if (!h->set_file_priorities(hash, p))
                h->log(sdk::log_level::warning, "could not change file priorities of " + hash);
        });
    });

    m_peers = make_table({QStringLiteral("Address"), QStringLiteral("Client"), QStringLiteral("Down"),
                          QStringLiteral("Up"), QStringLiteral("Progress"), QStringLiteral("Flags")},
                         QStringLiteral("Peers"), this);
    addTab(m_peers, QStringLiteral("Peers"));
    m_trackers = make_table(
        {QStringLiteral("URL"), QStringLiteral("Tier"), QStringLiteral("Status"), QStringLiteral("Message")},
        QStringLiteral("Trackers"), this);
    addTab(m_trackers, QStringLiteral("Trackers"));
}

void details_pane::clear_details()
{
    m_hash.clear();
    m_file_indices.clear();
    m_overview->clear();
    m_files->set_files({}, 0);
    m_peers->setRowCount(0);
    m_trackers->setRowCount(0);
}

void details_pane::show_details(torrent_details const& d, bool with_files)
{
    auto const& t = d.torrent;
    bool const other = t.info_hash != m_hash;
    m_hash = t.info_hash;
    m_overview->setText(
        QStringLiteral("<b>%1</b><br>Info hash: %2<br>Save path: %3<br>Size: %4<br>Progress: %5%<br>"
                       "Status: %6<br>Ratio: %7<br>Added: %8%9")
            .arg(QString::fromStdString(t.name).toHtmlEscaped(), QString::fromStdString(t.info_hash),
                 QString::fromStdString(t.save_path).toHtmlEscaped(), size_text(t.size),
                 QString::number(t.progress * 100.0, 'f', 1), status_text(t.status),
                 QString::number(t.ratio, 'f', 2),
                 QDateTime::fromSecsSinceEpoch(t.added_time).toString(Qt::ISODate),
                 t.error.empty()
                     ? QString()
                     : QStringLiteral("<br>Error: ") + QString::fromStdString(t.error).toHtmlEscaped()));
    if (other || with_files) {
        std::vector<file_row> rows;
        m_file_indices.clear();
        for (auto const& f : d.files) {
            m_file_indices.push_back(f.index);
            if (f.path.find("/.pad/") == std::string::npos && f.path.rfind(".pad/", 0) != 0)
                rows.push_back({f.index, f.path, f.size, f.priority, -1.0});
        }
        m_files->set_files(rows, static_cast<std::int32_t>(d.files.size()));
    }
    if (!d.file_progress.empty() && d.file_progress.size() == m_file_indices.size()) {
        std::vector<std::int64_t> by_index(d.file_progress.size(), 0);
        for (std::size_t k = 0; k < m_file_indices.size(); ++k) {
            auto const i = static_cast<std::size_t>(m_file_indices[k]);
            if (m_file_indices[k] >= 0 && i < by_index.size())
                by_index[i] = d.file_progress[k];
        }
        m_files->set_progress(by_index);
    }
    m_peers->setRowCount(static_cast<int>(d.peers.size()));
    for (std::size_t i = 0; i < d.peers.size(); ++i) {
        auto const& p = d.peers[i];
        set_row(m_peers, static_cast<int>(i),
                {QString::fromStdString(p.address), QString::fromStdString(p.client),
                 rate_text(p.download_rate), rate_text(p.upload_rate),
                 QStringLiteral("%1%").arg(p.progress * 100.0, 0, 'f', 1), QString::fromStdString(p.flags)});
    }
    m_trackers->setRowCount(static_cast<int>(d.trackers.size()));
    for (std::size_t i = 0; i < d.trackers.size(); ++i) {
        auto const& tr = d.trackers[i];
        set_row(m_trackers, static_cast<int>(i),
                {QString::fromStdString(tr.url), QString::number(tr.tier), QString::fromStdString(tr.status),
                 QString::fromStdString(tr.message)});
    }
}

} // namespace pico::gui
