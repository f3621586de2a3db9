#!/usr/bin/env bash
# Refresh the translation catalogue from the GUI sources and compile it.
#   resources/translations/update.sh
# 1. pyside6-lupdate collects every tr()/translate()/QT_TRANSLATE_NOOP string of the
#    GUI shell into nnsim_zh_CN.ts (existing translations are kept; new strings are
#    marked unfinished; strings no longer in the code are dropped).
# 2. Translate the unfinished entries in the .ts (Qt Linguist: .venv/bin/pyside6-linguist,
#    or any editor: fill <translation> and remove type="unfinished").
# 3. pyside6-lrelease compiles the .ts into nnsim_zh_CN.qm, which the app loads.
# tests/gui/test_i18n.py fails while a string of the GUI shell has no translation.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=.venv/bin
# The GUI shell's modules only: other tools (training, plots, demos...) keep their own
# catalogue beside this one (<tool>_zh_CN.ts/.qm); nnsim/gui/i18n.py loads them all.
shell="nnsim/gui/app.py nnsim/gui/autosave.py nnsim/gui/canvas nnsim/gui/commands.py
  nnsim/gui/editor.py nnsim/gui/fonts.py nnsim/gui/i18n.py nnsim/gui/inspectors nnsim/gui/live.py
  nnsim/gui/main_window.py nnsim/gui/palette.py nnsim/gui/prefs.py nnsim/gui/starter.py
  nnsim/gui/style.py nnsim/gui/window_files.py nnsim/gui/window_look.py nnsim/gui/window_menus.py"
"$bin/pyside6-lupdate" $(find $shell -name '*.py' | sort) -ts resources/translations/nnsim_zh_CN.ts -no-obsolete -locations absolute
"$bin/pyside6-lrelease" resources/translations/nnsim_zh_CN.ts -qm resources/translations/nnsim_zh_CN.qm
# The training, stepping and plot docks' catalogue (training_zh_CN.ts; the CSV dialog, in
# nnsim/gui/training too, has its own below):
"$bin/pyside6-lupdate" $(find nnsim/gui/plots nnsim/gui/stepping nnsim/gui/training -name '*.py' ! -name csv_dialog.py | sort) -ts resources/translations/training_zh_CN.ts -no-obsolete -locations absolute
"$bin/pyside6-lrelease" resources/translations/training_zh_CN.ts -qm resources/translations/training_zh_CN.qm
# The CSV dialog's catalogue (its own, so that other tools' catalogues do not move):
"$bin/pyside6-lupdate" nnsim/gui/training/csv_dialog.py -ts resources/translations/csvdata_zh_CN.ts -no-obsolete -locations none
"$bin/pyside6-lrelease" resources/translations/csvdata_zh_CN.ts -qm resources/translations/csvdata_zh_CN.qm
# The Compare view's catalogue (compare_zh_CN.ts; its texts are _t/_n calls lupdate does not see):
"$bin/python" -m nnsim.gui.compare.catalogue
