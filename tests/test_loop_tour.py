"""The whole loop in the browser, each step done by the role that does it.

The story of ``tests/test_loop.py`` told through the web client: one browser
tour per step (``ps_dashboard/static/tests/tours/ps_loop_tour.js``), each run
as the user of that role, with the state the step must have produced asserted
here before the next one starts. The last screen of every step is saved as
``loop-<n>-<role>.png`` in ``$PS_SCREENSHOTS_DIR`` (default
``.local/screenshots/``): ``bin/screenshots`` regenerates the README's images
under ``docs/screenshots/``.

The database's own approval chains (tier definitions) and lead-to-cash gates
(demo data) are archived: the story brings its own gate (a checklist on its
sales team), and every decision (contract review, project gates, deliverable,
invoice request, expense report, collection) is taken by the role clicking its
button. The users are the test's own (``ps_loop_tour_<role>``, password = login),
not the demo's.

Steps: 1 sales (gate checklist, won, contract with three payment milestones,
review, signature, project) · 2 PMO (project manager) · 2b PM (budget seeded at
hand-over completed and submitted) · 2c PMO (budget approved) · 3 PM (initiation gate,
staffing, consultant invited, plan gate) · 4 consultant (timesheet, task done,
taxi expense report, final report handed in) · 5 PM (report accepted: vault,
invoice request) · 6 sales (request to finance) · 7 finance (expense report
approved and posted, request approved, invoice issued) · 8 sales (collection
recorded) · 9 finance (collection confirmed) · 10 PM (last task done, lessons
learned, closure, knowledge article) · 11 CEO (cockpit on the story's project
type).
"""

import base64
import logging
import os
from pathlib import Path
from unittest.mock import patch

from loop_story import (
    BUDGET_LABOUR,
    BUDGET_MATERIALS,
    BUDGET_TRAVEL,
    CONTRACT_VALUE,
    DAY_RATE,
    DAYS,
    FINAL,
    FIRST,
    HOURS,
    INTERIM,
    LABOUR,
    TAXI,
    create_consultant,
    create_engagement,
    keep_only_shipped_rules,
    project_pnl,
)

from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import ChromeBrowser

_logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[1]
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
MIN_PNG_BYTES = 20 * 1024


def screenshots_dir():
    return Path(os.environ.get("PS_SCREENSHOTS_DIR") or ROOT / ".local" / "screenshots")


@tagged("post_install", "-at_install")
class TestLoopTour(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The story runs with the approval rules the suite ships (the director
        # reviews contracts, the PMO decides gates, finance invoice requests);
        # the demo's own rules and control points are not this story's: it
        # brings its own gate below.
        keep_only_shipped_rules(cls.env)
        cls.env["ps.ltc.gate"].search([]).active = False
        users = {
            "sales": ("Sally Sales", "base.group_user,sales_team.group_sale_salesman"),
            "director": ("Dora Director", "base.group_user,sales_team.group_sale_manager"),
            "pmo": ("Paul PMO", "base.group_user,project.group_project_manager"),
            "pm": ("Maria Manager", "base.group_user,project.group_project_user"),
            "consultant": (
                "Colin Consultant",
                "base.group_user,project.group_project_user,hr_timesheet.group_hr_timesheet_user",
            ),
            "finance": (
                "Fiona Finance",
                "base.group_user,ps_contract.group_ps_finance,account.group_account_user,"
                "hr_expense.group_hr_expense_manager",
            ),
            "ceo": ("Cleo CEO", "base.group_user,ps_dashboard.group_ps_executive"),
        }
        cls.users = {
            role: new_test_user(
                cls.env, login=f"ps_loop_tour_{role}", name=name, groups=groups, tz="UTC"
            )
            for role, (name, groups) in users.items()
        }
        create_consultant(cls.env, cls.users["consultant"])
        cls.team = cls.env["crm.team"].create(
            {"name": "Loop advisory", "member_ids": [Command.link(cls.users["sales"].id)]}
        )
        cls.gate = cls.env["ps.ltc.gate"].create(
            {
                "name": "Loop proposal check",
                "gate_type": "opportunity_to_quote",
                "stage_id": cls.env.ref("crm.stage_lead3").id,
                "team_ids": [Command.link(cls.team.id)],
                "item_ids": [Command.create({"name": "Budget confirmed by the sponsor"})],
            }
        )
        cls.project_type, cls.service, _taxi = create_engagement(cls.env)
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Loop Industries",
                "is_company": True,
                "ps_is_customer": True,
                "user_id": cls.users["sales"].id,
            }
        )
        cls.lead = cls.env["crm.lead"].create(
            {
                "name": "Loop growth strategy",
                "type": "opportunity",
                "partner_id": cls.customer.id,
                "user_id": cls.users["sales"].id,
                "team_id": cls.team.id,
                "ps_service_line_ids": [
                    Command.create(
                        {"product_id": cls.service.id, "quantity": DAYS, "price_unit": DAY_RATE}
                    )
                ],
            }
        )

    # -- screenshots ---------------------------------------------------------------
    def _run_step(self, number, role, url="/odoo", tour=None):
        """Run tour ``ps_loop_<number>_<role>`` (or ``ps_loop_<tour>``) as that
        role's user and save its last screen as ``loop-<number>-<role>.png``."""
        path = screenshots_dir() / f"loop-{number}-{role}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.unlink(missing_ok=True)
        original_stop = ChromeBrowser.stop

        def stop(browser):
            # The browser lives for one tour: capture its screen before it closes,
            # once the tour succeeded.
            result = browser._result  # pylint: disable=protected-access
            if (
                getattr(browser, "ws", None)
                and result.done()
                and not result.cancelled()
                and result.exception() is None
            ):
                try:
                    shot = browser._websocket_request(  # pylint: disable=protected-access
                        "Page.captureScreenshot", params={"format": "png"}, timeout=30
                    )
                    path.write_bytes(base64.b64decode(shot["data"]))
                except Exception:  # pylint: disable=broad-except
                    _logger.exception("No screenshot of step %s (%s)", number, role)
            return original_stop(browser)

        with patch.object(ChromeBrowser, "stop", stop):
            self.start_tour(
                url, f"ps_loop_{tour or f'{number}_{role}'}", login=f"ps_loop_tour_{role}"
            )
        self.env.invalidate_all()
        data = path.read_bytes() if path.exists() else b""
        self.assertTrue(data.startswith(PNG_SIGNATURE), f"no screenshot of step {number}")
        self.assertGreater(len(data), MIN_PNG_BYTES, f"blank screenshot of step {number}")

    def _pmo_decides(self, project, gate_type, number):
        """The PMO validates, in the gate's form, the decision the manager asked for."""
        gate = project.ps_gate_ids.filtered(
            lambda g: g.gate_type == gate_type and g.state == "draft"
        )
        self.assertEqual(len(gate), 1)
        self.assertNotIn(self.users["pm"], gate.review_ids.reviewer_ids)
        self._run_step(number, "pmo", url=f"/odoo/ps.project.gate/{gate.id}", tour="decide")
        self.assertEqual(gate.state, "approved")

    # -- the story -------------------------------------------------------------------
    def test_loop_in_the_browser(self):
        """Opportunity → contract → project → gates → timesheet and expense →
        deliverable → invoice → collection → closure → cockpit, each step
        clicked by its role, its effects asserted before the next one."""
        # 1. The salesperson ticks the gate's checklist, wins the opportunity,
        #    turns it into a contract with three payment milestones and sends
        #    it to review; the sales director approves it; the salesperson has
        #    it signed and hands it over to delivery.
        self._run_step(1, "sales")
        lead = self.lead
        self.assertEqual(lead.probability, 100)
        self.assertEqual(lead.ps_gate_passage_ids.gate_id, self.gate)
        contract = self.env["ps.contract"].search([("opportunity_id", "=", lead.id)])
        self.assertEqual(contract.state, "review")
        self.assertIn(self.users["director"], contract.review_ids.reviewer_ids)
        self.assertNotIn(self.users["sales"], contract.review_ids.reviewer_ids)
        self._run_step("1b", "director", url=f"/odoo/ps.contract/{contract.id}", tour="decide")
        self.assertEqual(contract.validation_status, "validated")
        self._run_step("1c", "sales", url=f"/odoo/ps.contract/{contract.id}")
        self.assertEqual(contract.state, "execution")
        self.assertEqual(contract.amount_total, CONTRACT_VALUE)
        self.assertEqual(
            contract.milestone_ids.mapped("amount"),
            [FIRST * CONTRACT_VALUE, INTERIM * CONTRACT_VALUE, FINAL * CONTRACT_VALUE],
        )
        self.assertEqual(contract.milestone_ids.mapped("trigger"), ["date", "date", "deliverable"])
        # today in the browser's time zone
        self.assertLessEqual(abs((contract.date_start - fields.Date.today()).days), 1)
        project = contract.project_id
        self.assertEqual(
            (project.date_start, project.date), (contract.date_start, contract.date_end)
        )
        self.assertEqual(project.ps_project_type_id, self.project_type)
        self.assertEqual(project.ps_phase, "initiation")
        self.assertEqual(sorted(project.task_ids.mapped("name")), ["Diagnostic", "Recommendations"])
        final_report = project.ps_deliverable_ids
        self.assertEqual(contract.milestone_ids[2].deliverable_id, final_report)

        # 2. The PMO names the project manager, who completes the budget the
        #    hand-over seeded (the contract's days at their cost) and submits it;
        #    the PMO approves it (a project leaves Initiation only with one).
        self._run_step(2, "pmo")
        self.assertEqual(project.user_id, self.users["pm"])
        budget = project.ps_budget_ids
        self.assertEqual((budget.state, budget.amount_total), ("draft", BUDGET_LABOUR))
        self._run_step("2b", "pm", url=f"/odoo/ps.project.budget/{budget.id}")
        self.assertEqual(
            (budget.state, budget.amount_total),
            ("submitted", BUDGET_LABOUR + BUDGET_TRAVEL + BUDGET_MATERIALS),
        )
        self._run_step("2c", "pmo", url=f"/odoo/ps.project.budget/{budget.id}", tour="decide")
        self.assertEqual(budget.state, "approved")

        # 3. The manager asks for the initiation and plan decisions, which the
        #    PMO takes, and staffs the WBS.
        self._run_step(3, "pm")
        self._pmo_decides(project, "initiation", "3b")
        self._run_step("3c", "pm")
        self._pmo_decides(project, "plan", "3d")
        self._run_step("3e", "pm")
        self.assertEqual(
            sorted(project.ps_gate_ids.mapped(lambda g: (g.gate_type, g.state))),
            [("initiation", "approved"), ("plan", "approved")],
        )
        self.assertEqual((project.ps_phase, project.ps_baseline_version), ("execution", 1))
        diagnostic = project.task_ids.filtered(lambda t: t.name == "Diagnostic")
        self.assertEqual(diagnostic.user_ids, self.users["consultant"])

        # 4. The consultant logs a day on the diagnostic, closes it and hands in
        #    the final report.
        self._run_step(4, "consultant")
        self.assertEqual(diagnostic.timesheet_ids.unit_amount, HOURS)
        self.assertEqual(diagnostic.timesheet_ids.employee_id.user_id, self.users["consultant"])
        self.assertEqual(diagnostic.state, "1_done")
        self.assertEqual(project.ps_spent_hours, HOURS)
        sheet = self.env["hr.expense.sheet"].search(
            [("expense_line_ids.ps_project_id", "=", project.id)]
        )
        self.assertEqual(sheet.state, "submit")
        self.assertEqual(sheet.expense_line_ids.ps_cost_category_id.code, "TRV")
        pnl = project_pnl(self.env, project)
        self.assertAlmostEqual(pnl.actual_cost, LABOUR, msg="timesheets are actual at once")
        self.assertAlmostEqual(pnl.committed_cost, TAXI, msg="a claim is committed until posted")
        self.assertEqual(final_report.state, "submitted")
        self.assertEqual(final_report.attachment_ids.mapped("name"), ["final-report.txt"])

        # 5. The manager accepts it: filed in the vault, the last payment falls due.
        self._run_step(5, "pm")
        self.assertEqual(
            (final_report.state, final_report.accepted_by_id), ("accepted", self.users["pm"])
        )
        archived = final_report.document_ids
        self.assertEqual(archived.mapped("name"), ["final-report.txt"])
        self.assertFalse(final_report.attachment_ids, "the file lives in the vault now")
        self.assertEqual(archived.confidentiality, "confidential")
        payment = contract.milestone_ids[2]
        request = payment.invoice_request_ids
        self.assertEqual((len(request), request.state), (1, "draft"))
        self.assertAlmostEqual(request.amount, FINAL * CONTRACT_VALUE)

        # 6. The salesperson sends the request to finance.
        self._run_step(6, "sales")
        self.assertEqual(request.state, "to_approve")
        self.assertFalse(request.activity_ids, "the salesperson's to-do is done")

        # 7. Finance posts the expense report, approves the request and issues
        #    the invoice, on the project's analytic.
        self._run_step(7, "finance")
        self.assertEqual(sheet.state, "post")
        pnl = project_pnl(self.env, project)
        self.assertAlmostEqual(pnl.actual_cost, LABOUR + TAXI)
        self.assertAlmostEqual(pnl.committed_cost, 0.0)
        self.assertEqual((request.state, request.approved_by_id), ("issued", self.users["finance"]))
        invoice = request.move_id
        self.assertEqual((invoice.state, invoice.move_type), ("posted", "out_invoice"))
        self.assertAlmostEqual(invoice.amount_total, FINAL * CONTRACT_VALUE)
        self.assertEqual(
            invoice.invoice_line_ids.analytic_distribution, {str(project.account_id.id): 100}
        )
        self.assertAlmostEqual(contract.amount_invoiced, FINAL * CONTRACT_VALUE)

        # 8. The salesperson records the customer's payment...
        self._run_step(8, "sales")
        collection = contract.collection_ids
        self.assertEqual(
            (len(collection), collection.state, collection.milestone_id),
            (1, "recorded", payment),
        )
        self.assertAlmostEqual(collection.amount, FINAL * CONTRACT_VALUE)
        self.assertAlmostEqual(contract.amount_collected, 0.0)

        # 9. ...which finance confirms.
        self._run_step(9, "finance")
        self.assertEqual(
            (collection.state, collection.confirmed_by_id), ("confirmed", self.users["finance"])
        )
        self.assertAlmostEqual(contract.amount_collected, FINAL * CONTRACT_VALUE)
        self.assertTrue(payment.is_collected)

        # 9b. The signature instalment, due since the signature, is invoiced
        #     before the project closes (DR4: a project closes with its billable
        #     milestones invoiced). The same clicks as steps 6 and 7, done here
        #     through the roles' rights.
        signature = contract.milestone_ids[0]
        self.assertEqual(signature.amount, FIRST * CONTRACT_VALUE)
        self.assertIn(signature, project._ps_uninvoiced_milestones())
        signature_request = (
            self.env["ps.invoice.request"]
            .with_user(self.users["sales"])
            .create({"contract_id": contract.id, "milestone_id": signature.id})
        )
        signature_request.action_submit()
        signature_request.with_user(self.users["finance"]).action_approve()
        signature_request.with_user(self.users["finance"]).action_issue()
        self.assertEqual(signature_request.move_id.state, "posted")
        self.assertFalse(project._ps_uninvoiced_milestones())

        # 10. The manager asks to close the project, the PMO approves; its
        #     lessons learned become knowledge.
        self._run_step(10, "pm")
        self._pmo_decides(project, "closure", "10b")
        self._run_step("10c", "pm")
        self.assertEqual(project.ps_phase, "closing")
        tasks = self.env["project.task"].search([("project_id", "=", project.id)])
        self.assertEqual(tasks.mapped("state"), ["1_done", "1_done"])
        closure = project.ps_gate_ids.filtered(lambda g: g.gate_type == "closure")
        self.assertEqual(closure.state, "approved")
        article = self.env["ps.knowledge.article"].search([("project_ids", "in", project.ids)])
        self.assertEqual(len(article), 1)
        self.assertIn("Interview the sponsor in week one", str(article.body))

        # 11. The CEO reads the story's figures on the cockpit.
        self._run_step(11, "ceo")
        self.env.flush_all()
        cards = {
            card["key"]: card["value"]
            for card in self.env["ps.cockpit"]
            .with_user(self.users["ceo"])
            .get_cockpit_data({"project_type_id": self.project_type.id})["cards"]
        }
        self.assertEqual(cards["projects"], 1)
        self.assertAlmostEqual(cards["contract_value"], CONTRACT_VALUE)
        self.assertAlmostEqual(cards["invoiced"], (FIRST + FINAL) * CONTRACT_VALUE)
        self.assertAlmostEqual(cards["collected"], FINAL * CONTRACT_VALUE)
        pnl = project_pnl(self.env, project)
        self.assertAlmostEqual(pnl.collected, FINAL * CONTRACT_VALUE)
        self.assertAlmostEqual(pnl.margin, pnl.revenue_actual - (LABOUR + TAXI))
        self.assertAlmostEqual(cards["margin"], pnl.margin)
