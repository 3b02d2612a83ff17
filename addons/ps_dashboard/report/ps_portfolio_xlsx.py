from odoo import models

# Rows read from the database at a time: the workbook streams them to its file
# (xlsxwriter's constant_memory), so memory stays flat whatever the portfolio.
BATCH = 1000


class PsPortfolioXlsx(models.AbstractModel):
    """Portfolio report: one row per project with its phase, health, budget,
    actual and committed cost, margin, contract value, invoiced and collected;
    frozen header, number formats and a totals row.

    Printed from the portfolio list (selected rows) or the cockpit (every
    project the user may read: record rules apply, as the user)."""

    _name = "report.ps_dashboard.portfolio_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Portfolio XLSX Report"

    def get_workbook_options(self):
        return {"constant_memory": True, "in_memory": True}

    def _ps_columns(self):
        return [
            ("project_id", self.env._("Project"), "text", 32),
            ("user_id", self.env._("Project Manager"), "text", 20),
            ("partner_id", self.env._("Customer"), "text", 24),
            ("phase", self.env._("Phase"), "text", 14),
            ("health", self.env._("Health"), "text", 12),
            ("progress", self.env._("Progress (%)"), "percent", 12),
            ("budget_cost", self.env._("Budget"), "money", 16),
            ("actual_cost", self.env._("Actual Cost"), "money", 16),
            ("committed_cost", self.env._("Committed Cost"), "money", 16),
            ("margin", self.env._("Margin"), "money", 16),
            ("contract_value", self.env._("Contract Value"), "money", 16),
            ("invoiced", self.env._("Invoiced"), "money", 16),
            ("collected", self.env._("Collected"), "money", 16),
        ]

    def _ps_rows(self, objs):
        """Batches of portfolio rows: the given ones, else every row the user
        may read, fetched batch after batch (by id) so memory stays flat."""
        Portfolio = self.env["ps.portfolio.report"]
        if objs:
            for start in range(0, len(objs), BATCH):
                yield objs[start : start + BATCH]
            return
        last_id = 0
        while True:
            batch = Portfolio.search([("id", ">", last_id)], order="id", limit=BATCH)
            if not batch:
                return
            yield batch
            last_id = batch[-1].id
            batch.invalidate_recordset()

    def generate_xlsx_report(self, workbook, data, objs):
        columns = self._ps_columns()
        currency = self.env.company.currency_id
        money = self._report_xlsx_currency_format(currency)
        formats = {
            "header": workbook.add_format(
                {"bold": True, "bg_color": "#DDE4EE", "border": 1, "text_wrap": True}
            ),
            "text": workbook.add_format({}),
            "percent": workbook.add_format({"num_format": "0.0"}),
            "money": workbook.add_format({"num_format": money}),
            "total_text": workbook.add_format({"bold": True, "top": 1}),
            "total_money": workbook.add_format({"bold": True, "top": 1, "num_format": money}),
        }
        sheet = workbook.add_worksheet(self.env._("Portfolio"))
        sheet.freeze_panes(1, 1)
        for col, (_field, label, _kind, width) in enumerate(columns):
            sheet.set_column(col, col, width)
            sheet.write(0, col, label, formats["header"])
        phases = dict(
            self.env["ps.portfolio.report"]._fields["phase"]._description_selection(self.env)
        )
        healths = dict(
            self.env["ps.portfolio.report"]._fields["health"]._description_selection(self.env)
        )
        labels = {"phase": phases, "health": healths}
        totals = {field: 0.0 for field, _l, kind, _w in columns if kind == "money"}
        row = 0
        for batch in self._ps_rows(objs):
            for line in batch:
                row += 1
                for col, (field, _label, kind, _width) in enumerate(columns):
                    value = line[field]
                    if field in labels:
                        value = labels[field].get(value, "")
                    elif kind == "text":
                        value = value.display_name or ""
                    elif kind == "money":
                        totals[field] += value
                    sheet.write(row, col, value, formats[kind])
        total_row = row + 1
        sheet.write(total_row, 0, self.env._("Total"), formats["total_text"])
        for col, (field, _label, kind, _width) in enumerate(columns):
            if kind != "money":
                continue
            letter = chr(ord("A") + col)
            formula = f"=SUM({letter}2:{letter}{max(total_row, 2)})"
            sheet.write_formula(
                total_row, col, formula, formats["total_money"], currency.round(totals[field])
            )
        if row:
            sheet.autofilter(0, 0, row, len(columns) - 1)
