#include "main_window.hpp"

#include "config_view.hpp"
#include "create_torrent_dialog.hpp"
#include "formatting.hpp"
#include "preferences_dialog.hpp"
#include "progress_delegate.hpp"

#include <QAction>
#include <QCloseEvent>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QVBoxLayout>
#include <utility>

namespace pico::gui {
namespace {

QSettings settings_for(host_link const& link)
{
    return QSettings(QString::fromStdString(link.state_dir) + QStringLiteral("/gui.ini"),
                     QSettings::IniFormat);
}

} // namespace

main_window::main_window(host_link& link, QWidget* parent)
    : QMainWindow(parent), m_link(link), m_model(new torrent_list_model(this)),
      m_filter(new torrent_filter_model(this))
{
    setWindowTitle(QStringLiteral("PicoTorrent"));
    setAccessibleName(QStringLiteral("PicoTorrent"));
    setAcceptDrops(true);
    resize(1000, 600);
    m_filter->setSourceModel(m_model);

    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    auto* bar = new QHBoxLayout;
    m_filter_box = new QLineEdit(central);
    m_filter_box->setPlaceholderText(QStringLiteral("Filter by name"));
    m_filter_box->setAccessibleName(QStringLiteral("Filter by name"));
    m_filter_box->setClearButtonEnabled(true);
    connect(m_filter_box, &QLineEdit::textChanged, m_filter, &torrent_filter_model::set_name_filter);
    m_status_box = new QComboBox(central);
    m_status_box->setAccessibleName(QStringLiteral("Status filter"));
    m_status_box->addItems({QStringLiteral("All"), QStringLiteral("Downloading"), QStringLiteral("Seeding"),
                            QStringLiteral("Paused"), QStringLiteral("Error")});
    connect(m_status_box, &QComboBox::currentIndexChanged, this, [this](int i) {
        static status_group const groups[] = {status_group::downloading, status_group::seeding,
                                              status_group::paused, status_group::error};
        m_filter->set_status_filter(i <= 0 ? std::nullopt : std::optional<status_group>(groups[i - 1]));
    });
    bar->addWidget(m_filter_box, 1);
    bar->addWidget(m_status_box);
    layout->addLayout(bar);

    m_view = new QTableView(central);
    m_view->setObjectName(QStringLiteral("torrent_list"));
    m_view->setAccessibleName(QStringLiteral("Torrents"));
    m_view->setModel(m_filter);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(col_queue, Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setShowGrid(false);
    m_view->verticalHeader()->hide();
    // Fixed row height: the view never measures 10,000 rows.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_view->setItemDelegateForColumn(col_progress, new progress_delegate(m_view));
    m_view->horizontalHeader()->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->horizontalHeader()->setSectionsMovable(true);
    m_view->setColumnWidth(col_name, 300);
    connect(m_view->horizontalHeader(), &QHeaderView::customContextMenuRequested, this,
            &main_window::show_column_menu);
    m_details = new details_pane(m_link, central);
    auto* split = new QSplitter(Qt::Vertical, central);
    split->addWidget(m_view);
    split->addWidget(m_details);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    layout->addWidget(split);
    setCentralWidget(central);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this] { request_details(true); });

    auto s = settings_for(m_link);
    if (auto const state = s.value(QStringLiteral("list/header")).toByteArray(); !state.isEmpty())
        m_view->horizontalHeader()->restoreState(state);
    if (auto const geometry = s.value(QStringLiteral("window/geometry")).toByteArray(); !geometry.isEmpty())
        restoreGeometry(geometry);

    build_actions();
    build_status_bar();
}

main_window::~main_window() = default;

void main_window::closeEvent(QCloseEvent* e)
{
    auto s = settings_for(m_link);
    s.setValue(QStringLiteral("list/header"), m_view->horizontalHeader()->saveState());
    s.setValue(QStringLiteral("window/geometry"), saveGeometry());
    s.sync();
    QMainWindow::closeEvent(e);
}

void main_window::build_actions()
{
    auto* file = menuBar()->addMenu(QStringLiteral("&File"));
    auto* open = file->addAction(QStringLiteral("Add torrent…"));
    open->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_O));
    connect(open, &QAction::triggered, this, &main_window::open_torrent_dialog);
    auto* magnet = file->addAction(QStringLiteral("Add magnet link…"));
    magnet->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_U));
    connect(magnet, &QAction::triggered, this, &main_window::open_magnet_dialog);
    auto* create = file->addAction(QStringLiteral("Create torrent…"));
    create->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_N));
    connect(create, &QAction::triggered, this, &main_window::open_create_dialog);
    file->addSeparator();
    auto* preferences = file->addAction(QStringLiteral("Preferences…"));
    preferences->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    connect(preferences, &QAction::triggered, this, &main_window::open_preferences);
    file->addSeparator();
    auto* quit = file->addAction(QStringLiteral("Quit"));
    quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    connect(quit, &QAction::triggered, this, &QWidget::close);

    auto* edit = menuBar()->addMenu(QStringLiteral("&Torrent"));
    auto* all = edit->addAction(QStringLiteral("Select all"));
    all->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_A));
    connect(all, &QAction::triggered, m_view, &QAbstractItemView::selectAll);
    auto* remove = edit->addAction(QStringLiteral("Remove"));
    remove->setShortcut(QKeySequence(Qt::Key_Delete));
    connect(remove, &QAction::triggered, this, [this] { remove_selected(false); });
    auto* remove_data = edit->addAction(QStringLiteral("Remove with data"));
    remove_data->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_Delete));
    connect(remove_data, &QAction::triggered, this, [this] { remove_selected(true); });
    auto* pause = edit->addAction(QStringLiteral("Pause"));
    connect(pause, &QAction::triggered, this, [this] {
        auto hashes = selected_hashes();
        m_link.host.post([h = &m_link.host, hashes] {
            for (auto const& x : hashes)
                (void)h->pause_torrent(x);
        });
    });
    auto* resume = edit->addAction(QStringLiteral("Resume"));
    connect(resume, &QAction::triggered, this, [this] {
        auto hashes = selected_hashes();
        m_link.host.post([h = &m_link.host, hashes] {
            for (auto const& x : hashes)
                (void)h->resume_torrent(x);
        });
    });
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_view->addActions({pause, resume, remove, remove_data});
}

void main_window::build_status_bar()
{
    m_rates = new QLabel(this);
    m_rates->setAccessibleName(QStringLiteral("Transfer rates"));
    m_counts = new QLabel(this);
    m_counts->setAccessibleName(QStringLiteral("Torrent counts"));
    m_listen = new QLabel(this);
    m_listen->setAccessibleName(QStringLiteral("Listen state"));
    statusBar()->addPermanentWidget(m_counts);
    statusBar()->addPermanentWidget(m_rates);
    statusBar()->addPermanentWidget(m_listen);
    on_stats(0, 0, 0);
    update_counts();
}

void main_window::show_column_menu(QPoint const& pos)
{
    QMenu menu(this);
    auto* header = m_view->horizontalHeader();
    for (int c = 0; c < column_count; ++c) {
        auto* a = menu.addAction(m_model->headerData(c, Qt::Horizontal, Qt::DisplayRole).toString());
        a->setCheckable(true);
        a->setChecked(!header->isSectionHidden(c));
        a->setEnabled(c != col_name);
        connect(a, &QAction::toggled, this, [this, header, c](bool on) {
            header->setSectionHidden(c, !on);
            auto s = settings_for(m_link);
            s.setValue(QStringLiteral("list/header"), header->saveState());
        });
    }
    menu.exec(header->mapToGlobal(pos));
}

void main_window::update_counts()
{
    int downloading = 0;
    int seeding = 0;
    for (int r = 0; r < m_model->rowCount(); ++r) {
        auto const g = group_of(m_model->at(r).status);
        downloading += g == status_group::downloading ? 1 : 0;
        seeding += g == status_group::seeding ? 1 : 0;
    }
    // Until the first snapshot the host thread may still be restoring saved torrents.
    if (!m_has_initial_state) {
        m_counts->setText(QStringLiteral("Restoring torrents… (%1 so far)").arg(m_model->rowCount()));
        return;
    }
    m_counts->setText(QStringLiteral("%1 torrents, %2 downloading, %3 seeding")
                          .arg(m_model->rowCount())
                          .arg(downloading)
                          .arg(seeding));
}

void main_window::on_stats(std::int64_t down, std::int64_t up, std::int64_t peers)
{
    m_rates->setText(QStringLiteral("↓ %1  ↑ %2  %3 peers")
                         .arg(down > 0 ? rate_text(down) : QStringLiteral("0 B/s"))
                         .arg(up > 0 ? rate_text(up) : QStringLiteral("0 B/s"))
                         .arg(peers));
}

void main_window::on_initial_state(initial_state state)
{
    m_has_initial_state = true;
    // A front-end started before restore (front_end_before_restore) learns the services here.
    if (!m_link.filters)
        m_link.filters = std::move(state.filters);
    if (!m_link.updater)
        m_link.updater = std::move(state.updater);
    m_model->reset(std::move(state.torrents));
    m_show_add_dialog = state.show_add_dialog;
    m_listen->setText(QString::fromStdString(state.listen_text));
    update_counts();
    if (!m_arguments_waiting.isEmpty())
        open_arguments(std::exchange(m_arguments_waiting, {}));
}

void main_window::open_arguments_after_initial_state(QStringList arguments)
{
    if (m_has_initial_state)
        open_arguments(arguments);
    else
        m_arguments_waiting += arguments;
}

void main_window::on_removed(std::string const& info_hash)
{
    m_model->remove(info_hash);
    m_magnets_waiting.erase(info_hash);
    update_counts();
}

std::vector<std::string> main_window::selected_hashes() const
{
    std::vector<std::string> out;
    for (auto const& index : m_view->selectionModel()->selectedRows(col_name))
        out.push_back(index.data(info_hash_role).toString().toStdString());
    return out;
}

void main_window::remove_selected(bool with_data)
{
    auto const hashes = selected_hashes();
    if (hashes.empty())
        return;
    if (with_data) {
        auto const answer = QMessageBox::question(
            this, QStringLiteral("Remove torrents"),
            QStringLiteral("Remove %1 torrent(s) and delete the data PicoTorrent downloaded for them?\n\n"
                           "Files that were already on disk before the torrent was added are kept.")
                .arg(hashes.size()),
            QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes);
        if (answer != QMessageBox::Yes)
            return;
    }
    auto const mode = with_data ? sdk::remove_mode::delete_data : sdk::remove_mode::keep_data;
    m_link.host.post([h = &m_link.host, hashes, mode] {
        for (auto const& x : hashes)
            (void)h->remove_torrent(x, mode);
    });
}

void main_window::open_create_dialog()
{
    create_torrent_dialog dialog(m_link, this);
    dialog.exec();
}

void main_window::open_preferences()
{
    // Never a round trip: at start-up the host thread may be busy for seconds with a restore.
    auto const plugins = m_link.plugins ? m_link.plugins->snapshot() : std::vector<plugin_status>{};
    preferences_dialog dialog(m_link, m_config, plugins, this);
    dialog.exec();
}

void main_window::on_config_changed(std::string config)
{
    auto const view = read_config_view(config);
    m_show_add_dialog = view.show_add_dialog;
    m_listen->setText(QString::fromStdString(listen_text(view)));
    m_config = std::move(config);
}

void main_window::dragEnterEvent(QDragEnterEvent* e)
{
    // Only what open_arguments can add: local .torrent files and magnet links.
    for (auto const& url : e->mimeData()->urls()) {
        if ((url.isLocalFile() &&
             url.toLocalFile().endsWith(QStringLiteral(".torrent"), Qt::CaseInsensitive)) ||
            url.scheme() == QStringLiteral("magnet")) {
            e->acceptProposedAction();
            return;
        }
    }
    e->ignore();
}

void main_window::dropEvent(QDropEvent* e)
{
    QStringList args;
    for (auto const& url : e->mimeData()->urls())
        args << (url.isLocalFile() ? url.toLocalFile() : url.toString());
    open_arguments(args);
}

void main_window::report(QString const& line)
{
    statusBar()->showMessage(line, 10000);
    m_link.host.log(sdk::log_level::warning, line.toStdString());
}

void main_window::on_updated(std::vector<sdk::torrent_snapshot> const& ts)
{
    m_model->update(ts);
    update_counts();
    // The shown torrent changed: refresh its peers and trackers with the batch, never on a timer.
    for (auto const& t : ts) {
        if (t.info_hash == m_details->shown()) {
            request_details(false);
            break;
        }
    }
}

void main_window::request_details(bool with_files)
{
    auto const hashes = selected_hashes();
    if (hashes.empty()) {
        m_details->clear_details();
        return;
    }
    m_link.host.post([link = &m_link, hash = hashes.front(), with_files] {
        auto t = link->host.find_torrent(hash);
        if (!t)
            return;
        // Only the selected torrent's files are asked for: one torrent, once per update batch.
        torrent_details d{*t, with_files ? link->host.files(hash) : std::vector<sdk::file_entry>{},
                          link->host.peers(hash), link->host.trackers(hash), link->host.file_progress(hash)};
        link->bridge.to<main_window>(
            [d = std::move(d), with_files](main_window* w) { w->on_details(d, with_files); });
    });
}

void main_window::on_details(torrent_details const& d, bool with_files)
{
    auto const hashes = selected_hashes();
    if (!hashes.empty() && hashes.front() == d.torrent.info_hash)
        m_details->show_details(d, with_files);
}

} // namespace pico::gui
