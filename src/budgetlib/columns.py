"""Column names, defined once. Data files and loaded frames use these names."""

# documents.csv
DOC_ID = "doc_id"
DIARIENUMMER = "diarienummer"
ORGANISATION = "organisation"  # SCB code or exact name in the register
REGION = "region"  # derived: the organisation's name (format 1 named regions only)
NAMND = "namnd"
BUDGET_YEAR = "budget_year"
KIND = "kind"
DATE = "date"
TITLE = "title"
TITLE_LINE = "title_line"
SOURCE_FILE = "source_file"

# registers/organisations.csv (derived onto documents when loading)
ORG_CODE = "org_code"
ORG_KIND = "org_kind"
NAME = "name"
DISPLAY_NAME = "display_name"
LAN_CODE = "lan_code"
LAN_NAME = "lan_name"

# registers/committee_types.csv; committees.csv has namnd and name
COMMITTEE_CODE = "code"
ORG_KINDS = "org_kinds"
ALIASES = "aliases"
KIND_OF_BODY = "kind_of_body"

# regions.csv (format 1 only)
LAN = "lan"

# where each loaded row stands in its data file (header = row 1)
CSV_FILE = "csv_file"
CSV_ROW = "csv_row"

# tables.csv
TABLE_ID = "table_id"
RELATION = "relation"
DERIVED = "derived"
FIRST_LINE = "first_line"
LAST_LINE = "last_line"

# amounts.csv and statements.csv (loaded together as figures)
ROW_ID = "row_id"
LABEL = "label"
ROLE = "role"
PARENT = "parent"
COLUMN_ID = "column_id"
COLUMN = "column"
YEAR = "year"
PHASE = "phase"
MEASURE = "measure"
QUALIFIER = "qualifier"
VALUE_TEXT = "value_text"
SIGN = "sign"
UNIT_TEXT = "unit_text"
UNIT_LINE = "unit_line"
LINE = "line"
STATEMENT_ID = "statement_id"
# derived when loading
FIGURE_ID = "figure_id"
SOURCE = "source"
VALUE = "value"
UNIT = "unit"
STEP = "step"

# relations.csv
RELATION_ID = "relation_id"
STATED = "stated"
TERMS = "terms"
BASE = "base"
EXPLAINED_BY = "explained_by"
REMAINDER = "remainder"  # the words a document uses for an unitemised rest (no figure of its own)
NOTE = "note"

# indicators.csv
INDICATOR_ID = "indicator_id"
GOAL = "goal"
SUBGOAL = "subgoal"
INDICATOR = "indicator"
UNIT_SOURCE = "unit_source"
DESIRED_DIRECTION = "desired_direction"
FREQUENCY = "frequency"
OUTCOME_YEAR = "outcome_year"
OUTCOME_TEXT = "outcome_text"
TARGET_YEAR = "target_year"
TARGET_TEXT = "target_text"
GOAL_LINE = "goal_line"
SUBGOAL_LINE = "subgoal_line"
VALUE_LINE = "value_line"
FREQUENCY_LINE = "frequency_line"
OUTCOME = "outcome"
TARGET = "target"

# assignments.csv
ASSIGNMENT_ID = "assignment_id"
ASSIGNMENT = "assignment"
STATUS = "status"
STATUS_TEXT = "status_text"
DIRECTED_TO = "directed_to"
END_DATE = "end_date"
AMOUNT_REF = "amount_ref"
PROGRESS = "progress"
STATUS_LINE = "status_line"
LINE_END = "line_end"

# reference/population.csv (keyed by ORG_CODE), reference/kolada_n70061.csv
AREA = "area"
AREA_CODE = "area_code"  # format 1: län code, 00 = Riket
POPULATION = "population"
REFERENCE_SOURCE = "source"
KPI = "kpi"
KPI_TITLE = "kpi_title"
KOLADA_ID = "kolada_id"
SAME_SOURCE = "same"  # "as the row above" in the reference files

# categories.csv
CATEGORY = "category"

# motions.csv, votes.csv, voters.csv, positions.csv
MOTION_ID = "motion_id"
MEMBER = "member"
PARTY = "party"
MOTION = "motion"
VOTE_ID = "vote_id"
QUESTION = "question"
JA_MEANS = "ja_means"
NEJ_MEANS = "nej_means"
JA = "ja"
NEJ = "nej"
AVSTAR = "avstar"
MEMBER_ROLE = "role"
VOTE = "vote"
POSITION = "position"
STATEMENT = "statement"

# conclusions.csv
CONCLUSION_ID = "conclusion_id"
CONCLUSION = "conclusion"
