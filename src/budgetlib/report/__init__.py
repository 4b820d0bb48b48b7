"""The report build: notebooks run on warm kernels, exported to HTML and PDF, indexed, atomically.

Needs the ``reports`` extra. Modules: ``jobs`` (what to build), ``parameters``,
``names`` (file names), ``kernel``, ``execute``, ``reproducible``, ``html_export``
(with ``lab_exporter``, ``soup_markup`` and ``restated``), ``print_style``, ``pdf``, ``source_view``,
``manifest``, ``index_page``, ``lock``, ``refresh`` (stored notebook outputs) and ``build``
(all of it, in order).
"""
