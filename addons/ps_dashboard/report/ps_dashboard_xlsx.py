from odoo import models
from odoo.tools import SQL

# Rows read from the database at a time: the workbook streams them to its file
# (xlsxwriter's constant_memory), so memory stays flat whatever the volume.
BATCH = 1000


class PsDashboardXlsx(models.AbstractModel):
    """Common layout of the cockpit's XLSX exports: one sheet, a bold frozen
    header, number formats per column, an autofilter and a totals row (SUM
    formulas that also carry their value, for readers that do not compute).

    Rows are the records printed from a list, else every record of
    ``_ps_model`` matching ``_ps_domain()`` that the user may read: the export
    runs as the user, so record rules apply. Subclasses give the columns as
    ``(field, label, kind, width)``, kind one of text, label (selection),
    number, percent, money.
    """

    _name = "report.ps_dashboard.xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Cockpit XLSX Export"
    _ps_model = None

    def get_workbook_options(self):
        # constant_memory writes each row out as soon as the next one starts;
        # xlsxwriter ignores it when in_memory is set (memory then grows with
        # the rows), so the rows go through a temporary file.
        return {"constant_memory": True, "in_memory": False}

    def _ps_sheet_name(self):
        return self.env[self._ps_model]._description

    def _ps_columns(self):
        raise NotImplementedError()

    def _ps_domain(self):
        return []

    def _ps_rows(self, objs):
        """Batches of records: the given ones, else every record the user may
        read, fetched batch after batch (by id) so memory stays flat. Each
        batch costs its own rows: the reporting views filter by id before
        they sum (``id > last`` ORDER BY id LIMIT reads the next rows only)."""
        if objs:
            for start in range(0, len(objs), BATCH):
                yield objs[start : start + BATCH]
            return
        Model = self.env[self._ps_model]
        last_id = 0
        while True:
            batch = Model.search(
                [*self._ps_domain(), ("id", ">", last_id)], order="id", limit=BATCH
            )
            if not batch:
                return
            yield batch
            last_id = batch[-1].id
            batch.invalidate_recordset()

    def _ps_cells(self, batch, columns, labels):
        """The values of a batch's rows, column by column (many2ones as their
        names, selections as their labels): one SQL query per batch, whose
        rows already passed the user's record rules, and one name lookup per
        many2one column, as ``read()`` gives them (the ORM's per-field path
        cost more than the query)."""
        fields = [batch._fields[field] for field, _label, _kind, _width in columns]
        if not all(field.store and field.column_type and not field.translate for field in fields):
            yield from self._ps_read_cells(batch, columns, labels)
            return
        rows = {
            row[0]: row[1:]
            for row in self.env.execute_query(
                SQL(
                    "SELECT %s, %s FROM %s WHERE %s IN %s",
                    SQL.identifier(batch._table, "id"),
                    SQL(", ").join(SQL.identifier(batch._table, f.name) for f in fields),
                    SQL.identifier(batch._table),
                    SQL.identifier(batch._table, "id"),
                    tuple(batch.ids),
                )
            )
        }
        names = {}
        for index, field in enumerate(fields):
            if field.type == "many2one":
                ids = {row[index] for row in rows.values() if row[index]}
                # sudo: a name, as read() shows a many2one (the row is readable)
                records = self.env[field.comodel_name].sudo().browse(ids)
                names[index] = {record.id: record.display_name for record in records}
        for record_id in batch.ids:
            row = rows.get(record_id)
            if row is None:
                continue
            cells = []
            for index, (field, _label, kind, _width) in enumerate(columns):
                value = row[index]
                if index in names:
                    value = names[index].get(value, "")
                elif kind == "label":
                    value = labels[field].get(value, "")
                elif kind == "text":
                    value = value or ""
                else:
                    value = value or 0.0
                cells.append(value)
            yield cells

    def _ps_read_cells(self, batch, columns, labels):
        """The same through ``read()`` (for computed columns)."""
        for values in batch.read([field for field, _label, _kind, _width in columns]):
            cells = []
            for field, _label, kind, _width in columns:
                value = values[field]
                if kind == "label":
                    value = labels[field].get(value, "")
                elif kind == "text":
                    value = value[1] if isinstance(value, tuple) else value or ""
                else:
                    value = value or 0.0
                cells.append(value)
            yield cells

    def generate_xlsx_report(self, workbook, data, objs):
        if objs and objs._name != self._ps_model:
            objs = self.env[self._ps_model]
        self.env.flush_all()  # the rows are read with SQL
        columns = self._ps_columns()
        money = self._report_xlsx_currency_format(self.env.company.currency_id)
        formats = {
            "header": workbook.add_format(
                {"bold": True, "bg_color": "#DDE4EE", "border": 1, "text_wrap": True}
            ),
            "text": workbook.add_format({}),
            "label": workbook.add_format({}),
            "number": workbook.add_format({"num_format": "#,##0"}),
            "percent": workbook.add_format({"num_format": "0.0"}),
            "money": workbook.add_format({"num_format": money}),
            "total_text": workbook.add_format({"bold": True, "top": 1}),
            "total_money": workbook.add_format({"bold": True, "top": 1, "num_format": money}),
        }
        sheet = workbook.add_worksheet(self._ps_sheet_name())
        sheet.freeze_panes(1, 1)
        for col, (_field, label, _kind, width) in enumerate(columns):
            sheet.set_column(col, col, width)
            sheet.write(0, col, label, formats["header"])
        totals = {field: 0.0 for field, _label, kind, _width in columns if kind == "money"}
        Model = self.env[self._ps_model]
        labels = {
            field: dict(Model._fields[field]._description_selection(self.env))
            for field, _label, kind, _width in columns
            if kind == "label"
        }
        row = 0
        for batch in self._ps_rows(objs):
            for cells in self._ps_cells(batch, columns, labels):
                row += 1
                for col, (field, _label, kind, _width) in enumerate(columns):
                    value = cells[col]
                    if kind == "money":
                        totals[field] += value
                    if kind in ("text", "label"):
                        # user text stays text: "=HYPERLINK(...)" must not become a formula
                        sheet.write_string(row, col, str(value), formats[kind])
                    else:
                        sheet.write_number(row, col, value, formats[kind])
        total_row = row + 1
        sheet.write(total_row, 0, self.env._("Total"), formats["total_text"])
        currency = self.env.company.currency_id
        for col, (field, _label, kind, _width) in enumerate(columns):
            if kind != "money":
                continue
            letter = chr(ord("A") + col)
            sheet.write_formula(
                total_row,
                col,
                f"=SUM({letter}2:{letter}{max(total_row, 2)})",
                formats["total_money"],
                currency.round(totals[field]),
            )
        if row:
            sheet.autofilter(0, 0, row, len(columns) - 1)


class PsPortfolioXlsx(models.AbstractModel):
    """Portfolio: one row per project with its phase, health, budget, actual
    and committed cost, margin, contract value, invoiced and collected."""

    _name = "report.ps_dashboard.portfolio_xlsx"
    _inherit = "report.ps_dashboard.xlsx"
    _description = "Portfolio XLSX Report"
    _ps_model = "ps.portfolio.report"

    def _ps_sheet_name(self):
        return self.env._("Portfolio")

    def _ps_columns(self):
        return [
            ("project_id", self.env._("Project"), "text", 32),
            ("user_id", self.env._("Project Manager"), "text", 20),
            ("partner_id", self.env._("Customer"), "text", 24),
            ("phase", self.env._("Phase"), "label", 14),
            ("health", self.env._("Health"), "label", 12),
            ("progress", self.env._("Progress (%)"), "percent", 12),
            ("budget_cost", self.env._("Budget"), "money", 16),
            ("actual_cost", self.env._("Actual Cost"), "money", 16),
            ("committed_cost", self.env._("Committed Cost"), "money", 16),
            ("margin", self.env._("Margin"), "money", 16),
            ("contract_value", self.env._("Contract Value"), "money", 16),
            ("invoiced", self.env._("Invoiced"), "money", 16),
            ("collected", self.env._("Collected"), "money", 16),
        ]


class PsReceivableAgingXlsx(models.AbstractModel):
    """Receivables aging: one row per signed contract with what is invoiced,
    collected, outstanding and overdue by age bucket."""

    _name = "report.ps_dashboard.receivable_aging_xlsx"
    _inherit = "report.ps_dashboard.xlsx"
    _description = "Receivables Aging XLSX Report"
    _ps_model = "ps.contract.receivable"

    def _ps_sheet_name(self):
        return self.env._("Receivables Aging")

    def _ps_columns(self):
        return [
            ("contract_id", self.env._("Contract"), "text", 28),
            ("partner_id", self.env._("Customer"), "text", 24),
            ("user_id", self.env._("Salesperson"), "text", 20),
            ("amount_contracted", self.env._("Contracted"), "money", 16),
            ("amount_invoiced", self.env._("Invoiced"), "money", 16),
            ("amount_collected", self.env._("Collected"), "money", 16),
            ("amount_outstanding", self.env._("Outstanding"), "money", 16),
            ("amount_overdue", self.env._("Overdue"), "money", 16),
            ("aging_0_30", self.env._("1-30 Days"), "money", 14),
            ("aging_31_60", self.env._("31-60 Days"), "money", 14),
            ("aging_61_90", self.env._("61-90 Days"), "money", 14),
            ("aging_90_plus", self.env._("Over 90 Days"), "money", 14),
            ("dso", self.env._("Days Sales Outstanding"), "number", 12),
        ]


class PsSalesFunnelXlsx(models.AbstractModel):
    """Sales funnel: one row per open opportunity with its stage, expected and
    probability-weighted revenue."""

    _name = "report.ps_dashboard.sales_funnel_xlsx"
    _inherit = "report.ps_dashboard.xlsx"
    _description = "Sales Funnel XLSX Report"
    _ps_model = "crm.lead"

    def _ps_sheet_name(self):
        return self.env._("Sales Funnel")

    def _ps_domain(self):
        return [("type", "=", "opportunity")]

    def _ps_columns(self):
        return [
            ("name", self.env._("Opportunity"), "text", 32),
            ("partner_id", self.env._("Customer"), "text", 24),
            ("user_id", self.env._("Salesperson"), "text", 20),
            ("stage_id", self.env._("Stage"), "text", 16),
            ("probability", self.env._("Probability (%)"), "percent", 12),
            ("expected_revenue", self.env._("Expected Revenue"), "money", 16),
            ("prorated_revenue", self.env._("Weighted Revenue"), "money", 16),
        ]
