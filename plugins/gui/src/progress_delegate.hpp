// Draws the progress column as a bar with the percentage on it.
#pragma once

#include <QStyledItemDelegate>

namespace pico::gui {

/// Paints a QStyleOptionProgressBar for a 0.0..1.0 value.
class progress_delegate final : public QStyledItemDelegate {
  public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter* painter, QStyleOptionViewItem const& option,
               QModelIndex const& index) const override;
};

} // namespace pico::gui
