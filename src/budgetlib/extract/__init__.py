"""From document to data: draft the data files of one committee document for review.

``budgetlib extract DOCUMENT`` reads plain text, PDF (text layer) or DOCX,
finds amount tables and figures stated in running text, writes a draft data
folder (data format version 2) with provenance, and checks it at once.
Anything it is unsure of, or cannot place, is listed for the reviewer; nothing
is guessed silently.
"""
