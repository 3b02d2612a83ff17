"""No reviewer never means no control (issue 15, hole 4).

Every decision point of the suite ships an approval rule as editable data
(``noupdate``), and where an implementer removes every rule of a decision
point, its owning role still decides it, never the user who asked for it.
Each refusal is tried as the role that would try it and asserts that nothing
moved.
"""

from contextlib import contextmanager

from loop_story import SHIPPED_RULES

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, new_test_user, tagged

from odoo.addons.ps_base.internal import internal
from odoo.addons.ps_project_wbs.tests.common import meet_start_requirements

DECISION_POINTS = SHIPPED_RULES


class DefaultApprovalsCase(TransactionCase):
    """Users of every deciding role, a customer and a service."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.salesman = new_test_user(
            cls.env, login="ps_da_sales", groups="sales_team.group_sale_salesman"
        )
        cls.director = new_test_user(
            cls.env, login="ps_da_director", groups="sales_team.group_sale_manager"
        )
        cls.director_2 = new_test_user(
            cls.env, login="ps_da_director_2", groups="sales_team.group_sale_manager"
        )
        cls.ceo = new_test_user(
            cls.env, login="ps_da_ceo", groups="base.group_user,ps_dashboard.group_ps_executive"
        )
        cls.pm = new_test_user(
            cls.env, login="ps_da_pm", groups="base.group_user,project.group_project_user"
        )
        cls.pmo = new_test_user(
            cls.env, login="ps_da_pmo", groups="base.group_user,project.group_project_manager"
        )
        cls.customer = cls.env["res.partner"].create({"name": "Default Rules Client"})
        cls.service = cls.env["product.product"].create(
            {"name": "Diagnostic", "type": "service", "list_price": 1000.0, "taxes_id": False}
        )

    @contextmanager
    def assertRaisesRegex(self, expected_exception, expected_regex):
        """Odoo's assertRaises (it rolls back what the failing call wrote, as
        the web client's transaction would), and the message."""
        with self.assertRaises(expected_exception) as caught:
            yield caught
        self.assertRegex(str(caught.exception), expected_regex)

    # ------------------------------------------------------------------
    def _contract(self, user, discount=0.0, quantity=10):
        return (
            self.env["ps.contract"]
            .with_user(user)
            .create(
                {
                    "title": "Default rules",
                    "partner_id": self.customer.id,
                    "line_ids": [
                        Command.create(
                            {
                                "product_id": self.service.id,
                                "quantity": quantity,
                                "discount": discount,
                            }
                        )
                    ],
                    "milestone_ids": [
                        Command.create({"name": "All", "percentage": 100, "date_due": "2026-12-31"})
                    ],
                }
            )
        )

    def _archive_rules(self, model):
        self.env["tier.definition"].search([("model", "=", model)]).active = False

    def _pending_groups(self, record):
        reviews = record.sudo().review_ids.filtered(lambda r: r.status in ("waiting", "pending"))
        return set(reviews.mapped("reviewer_group_id.id"))


@tagged("post_install", "-at_install")
class TestDefaultApprovals(DefaultApprovalsCase):
    # ------------------------------------------------------------------
    def test_every_decision_point_ships_an_editable_rule_and_an_owning_role(self):
        Data = self.env["ir.model.data"]
        for model, (xmlids, group) in DECISION_POINTS.items():
            self.assertEqual(self.env[model]._ps_decider_group, group, model)
            self.env.ref(group)  # the owning group exists
            for xmlid in xmlids:
                rule = self.env.ref(xmlid)
                self.assertEqual(rule.model, model, xmlid)
                self.assertTrue(rule.active, xmlid)
                module, name = xmlid.split(".")
                data = Data.search([("module", "=", module), ("name", "=", name)])
                self.assertTrue(data.noupdate, f"{xmlid} is overwritten on update")

    def test_employees_cannot_remove_or_loosen_the_rules(self):
        rule = self.env.ref("ps_contract.tier_definition_contract_director")
        for user in (self.salesman, self.director, self.pmo):
            with self.assertRaises(AccessError):
                rule.with_user(user).write({"active": False})
            with self.assertRaises(AccessError):
                rule.with_user(user).write({"definition_domain": "[('id', '=', 0)]"})
        self.assertTrue(rule.active)
        self.assertEqual(rule.definition_domain, "[]")

    def test_a_salesperson_cannot_sign_a_deeply_discounted_contract_alone(self):
        contract = self._contract(self.salesman, discount=60.0)
        contract.action_submit_review()
        self.assertEqual(
            self._pending_groups(contract),
            {
                self.env.ref("sales_team.group_sale_manager").id,
                self.env.ref("ps_dashboard.group_ps_executive").id,
            },
        )
        with self.assertRaisesRegex(UserError, "waits for your decision"):
            contract.validate_tier()
        with self.assertRaisesRegex(UserError, "under review"):
            contract.action_sign()
        self.assertEqual(contract.state, "review")
        # the director approves; the CEO's approval of the discount is still missing
        contract.with_user(self.director).validate_tier()
        with self.assertRaisesRegex(UserError, "under review"):
            contract.action_sign()
        contract.with_user(self.ceo).validate_tier()
        contract.action_sign()
        self.assertEqual(contract.state, "signed")

    def test_without_any_rule_a_director_other_than_the_requester_decides(self):
        self._archive_rules("ps.contract")
        contract = self._contract(self.director)
        contract.action_submit_review()
        review = contract.sudo().review_ids
        self.assertEqual(len(review), 1)
        self.assertTrue(review.definition_id.ps_fallback)
        self.assertFalse(review.definition_id.active)
        self.assertNotIn(self.director, review.reviewer_ids)
        self.assertIn(self.director_2, review.reviewer_ids)
        self.assertFalse(contract.can_review)
        with self.assertRaisesRegex(UserError, "You asked for the decision"):
            contract.validate_tier()
        with self.assertRaisesRegex(UserError, "You asked for the decision"):
            contract.reject_tier()
        with self.assertRaisesRegex(UserError, "under review"):
            contract.action_sign()
        self.assertIn(review.status, ("waiting", "pending"))
        self.assertEqual(contract.state, "review")
        # a salesperson is not of the owning role (nor reads a director's contract)
        with self.assertRaises(AccessError):
            contract.with_user(self.salesman).validate_tier()
        contract.with_user(self.director_2).validate_tier()
        self.assertEqual(review.status, "approved")
        contract.action_sign()
        self.assertEqual(contract.state, "signed")

    def test_deleting_the_fallback_rule_does_not_remove_the_control(self):
        self._archive_rules("ps.contract")
        first = self._contract(self.salesman)
        first.action_submit_review()
        fallback = first.sudo().review_ids.definition_id
        self.assertTrue(fallback.ps_fallback)
        # an administrator deletes it (with the reviews made from it)
        first.sudo().action_reset_draft()
        internal(self.env["tier.review"].search([("definition_id", "=", fallback.id)])).unlink()
        fallback.unlink()
        contract = self._contract(self.salesman)
        contract.action_submit_review()
        review = contract.sudo().review_ids
        self.assertTrue(review.definition_id.ps_fallback)
        self.assertIn(self.director, review.reviewer_ids)
        with self.assertRaisesRegex(UserError, "under review"):
            contract.action_sign()
        self.assertEqual(contract.state, "review")

    def test_the_only_member_of_the_owning_role_cannot_ask_herself(self):
        self._archive_rules("ps.project.gate")
        pmo_group = self.env.ref("project.group_project_manager")
        others = pmo_group.users - self.pmo
        project = self.env["project.project"].create({"name": "Lonely PMO", "user_id": self.pmo.id})
        # every other PMO leaves the group: only the requester could decide
        pmo_group.sudo().write({"users": [Command.unlink(u.id) for u in others]})
        with self.assertRaisesRegex(UserError, "No one but you may decide"):
            project.with_user(self.pmo).action_ps_request_initiation()
        # nothing half-written: no gate, no review, still in initiation
        project.invalidate_recordset()
        self.assertFalse(self.env["ps.project.gate"].search([("project_id", "=", project.id)]))
        self.assertEqual(project.ps_phase, "initiation")

    def test_a_project_manager_does_not_start_her_project_alone(self):
        for archived in (False, True):
            with self.subTest(rules_archived=archived):
                if archived:
                    self._archive_rules("ps.project.gate")
                project = self.env["project.project"].create(
                    {"name": f"Start {archived}", "user_id": self.pm.id}
                )
                meet_start_requirements(project)  # DR1: an approved budget
                project.with_user(self.pm).action_ps_request_initiation()
                gate = project.ps_gate_ids
                self.assertEqual(gate.state, "draft")
                self.assertEqual(project.ps_phase, "initiation")
                self.assertEqual(gate.sudo().review_ids.definition_id.ps_fallback, archived)
                with self.assertRaises(UserError):
                    gate.with_user(self.pm).validate_tier()
                with self.assertRaises(UserError):
                    gate.with_user(self.pm).action_approve()
                self.assertEqual(gate.state, "draft")
                gate.with_user(self.pmo).validate_tier()
                self.assertEqual(gate.state, "approved")
                self.assertEqual(project.ps_phase, "planning")

    def test_a_pmo_requesting_her_own_gate_without_rules_waits_for_a_colleague(self):
        self._archive_rules("ps.project.gate")
        project = self.env["project.project"].create({"name": "PMO's own", "user_id": self.pmo.id})
        meet_start_requirements(project)  # DR1: an approved budget
        project.with_user(self.pmo).action_ps_request_initiation()
        gate = project.ps_gate_ids
        with self.assertRaisesRegex(UserError, "You asked for the decision"):
            gate.with_user(self.pmo).validate_tier()
        with self.assertRaises(UserError):
            gate.with_user(self.pmo).action_approve()
        self.assertEqual(gate.state, "draft")
        pmo_2 = new_test_user(
            self.env, login="ps_da_pmo_2", groups="base.group_user,project.group_project_manager"
        )
        gate.with_user(pmo_2).validate_tier()
        self.assertEqual(project.ps_phase, "planning")

    def test_an_approval_does_not_carry_over_to_a_contract_changed_after_it(self):
        contract = self._contract(self.salesman)
        contract.action_submit_review()
        contract.with_user(self.director).validate_tier()
        self.assertEqual(contract.validation_status, "validated")
        # back to draft, a 60 % discount, and again for signature
        contract.action_reset_draft()
        self.assertFalse(contract.sudo().review_ids)
        contract.line_ids.discount = 60.0
        contract.action_submit_review()
        self.assertIn(contract.validation_status, ("waiting", "pending"))
        with self.assertRaisesRegex(UserError, "under review"):
            contract.action_sign()
        self.assertEqual(contract.state, "review")


@tagged("post_install", "-at_install")
class TestApprovalsFinishTheJob(DefaultApprovalsCase):
    """A reviewer's decision moves the document on by itself; a rejection
    returns it to its author's draft with the reason and a to-do."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.finance = new_test_user(
            cls.env, login="ps_da_finance", groups="base.group_user,ps_contract.group_ps_finance"
        )

    def _signed(self):
        contract = self._contract(self.salesman)
        contract.action_submit_review()
        contract.with_user(self.director).validate_tier()
        contract.action_sign()
        return contract

    def _submitted_request(self, contract):
        request = (
            self.env["ps.invoice.request"]
            .with_user(self.salesman)
            .create({"contract_id": contract.id, "milestone_id": contract.milestone_ids.id})
        )
        request.action_submit()
        return request

    def test_finance_approves_an_invoice_request_from_the_inbox(self):
        request = self._submitted_request(self._signed())
        self.assertEqual(request.state, "to_approve")
        items = (
            self.env["ps.approval.item"]
            .with_user(self.finance)
            .search([("res_model", "=", "ps.invoice.request"), ("res_id", "=", request.id)])
        )
        self.assertEqual(len(items), 1)
        items.with_user(self.finance).action_approve()
        self.assertEqual((request.state, request.approved_by_id), ("approved", self.finance))

    def test_a_rejected_invoice_request_returns_to_its_author(self):
        request = self._submitted_request(self._signed())
        request.with_user(self.finance).reject_tier()
        self.assertEqual(request.state, "draft")
        self.assertEqual(request.sudo().review_ids.status, "rejected")  # kept for the record
        activity = request.activity_ids.filtered(lambda a: a.user_id == self.salesman)
        self.assertEqual(len(activity), 1)
        self.assertIn("Rejected by", request.message_ids[0].body)
        # reworked and resubmitted, it is reviewed afresh
        request.with_user(self.salesman).action_submit()
        self.assertEqual(request.state, "to_approve")
        self.assertIn(request.sudo().review_ids.status, ("waiting", "pending"))

    def test_a_rejected_contract_returns_to_its_salesperson(self):
        contract = self._contract(self.salesman)
        contract.action_submit_review()
        contract.with_user(self.director).reject_tier()
        self.assertEqual(contract.state, "draft")
        self.assertIn("Rejected by", contract.message_ids[0].body)
        self.assertTrue(contract.activity_ids.filtered(lambda a: a.user_id == self.salesman))
        with self.assertRaisesRegex(UserError, "cannot be signed|signed"):
            contract.action_sign()
        self.assertEqual(contract.state, "draft")

    def test_the_directors_validation_passes_the_deal_gate(self):
        gate = self.env["ps.ltc.gate"].create(
            {
                "name": "Deal approval (test)",
                "gate_type": "quote_to_deal",
                "stage_id": self.env.ref("crm.stage_lead4").id,
                "requires_approval": True,
            }
        )
        lead = self.env["crm.lead"].create(
            {"name": "Gate deal", "type": "opportunity", "user_id": self.salesman.id}
        )
        passage = (
            self.env["ps.lead.gate.passage"].sudo().create({"lead_id": lead.id, "gate_id": gate.id})
        )
        passage.with_user(self.salesman).request_validation()
        self.assertEqual(passage.state, "draft")
        with self.assertRaisesRegex(UserError, "waits for your decision"):
            passage.with_user(self.salesman).validate_tier()
        passage.with_user(self.director).validate_tier()
        self.assertEqual(passage.state, "passed")


@tagged("post_install", "-at_install")
class TestDecisionOutcomes(DefaultApprovalsCase):
    """Issue 17 item 2: the last reviewer's decision moves each document on
    by itself; a rejection returns it to its requester's draft with the reason
    in the chatter and a to-do; either way the requester is notified (a
    message addressed to them, in their Inbox)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.finance = new_test_user(
            cls.env, login="ps_do_finance", groups="base.group_user,ps_contract.group_ps_finance"
        )
        # The owning role of each decision decides it (no shipped rule): the
        # deciders below are then certain.
        for model in (
            "ps.contract",
            "ps.invoice.request",
            "ps.project.gate",
            "ps.project.budget",
            "ps.payment.request",
            "ps.lead.gate.passage",
        ):
            cls.env["tier.definition"].search([("model", "=", model)]).active = False
        cls.pm.groups_id |= cls.env.ref("ps_project_wbs.group_ps_project_manager")
        cls.travel = cls.env.ref("ps_expense_finance.ps_cost_category_travel")
        cls.supplier = cls.env["res.partner"].create({"name": "Outcome supplier"})

    # -- helpers ----------------------------------------------------------------
    _signed = TestApprovalsFinishTheJob._signed
    _submitted_request = TestApprovalsFinishTheJob._submitted_request

    def _told(self, record, user, text):
        """The messages of ``record`` addressed to ``user`` (a notification of
        their partner: by email or in their Inbox, as they chose) that
        contain ``text``."""
        notifications = self.env["mail.notification"].search(
            [
                ("res_partner_id", "=", user.partner_id.id),
                ("mail_message_id.model", "=", record._name),
                ("mail_message_id.res_id", "=", record.id),
            ]
        )
        return notifications.mail_message_id.filtered(lambda m: text in m.body)

    def _reject(self, record, user, reason):
        """``user`` rejects ``record`` with ``reason`` (the comment wizard of
        the approvals, as the Reject button with a comment does)."""
        reviews = record.sudo().review_ids.filtered(
            lambda r: r.status in ("waiting", "pending") and user in r.reviewer_ids
        )
        self.assertTrue(reviews, f"{record.display_name} waits for {user.name}")
        wizard = (
            self.env["comment.wizard"]
            .with_user(user)
            .create(
                {
                    "res_model": record._name,
                    "res_id": record.id,
                    "review_ids": [Command.set(reviews.ids)],
                    "validate_reject": "reject",
                    "comment": reason,
                }
            )
        )
        wizard.add_comment()

    def _assert_back_to_requester(self, record, requester, reason, state="draft"):
        record.invalidate_recordset()
        self.assertEqual(record.state, state)
        self.assertEqual(record.validation_status, "rejected")
        told = self._told(record, requester, reason)
        self.assertEqual(len(told), 1, "one message with the reason, addressed to the requester")
        self.assertIn("Rejected by", told.body)
        todo = record.sudo().activity_ids.filtered(lambda a: a.user_id == requester)
        self.assertEqual(len(todo), 1)
        self.assertIn(reason, todo.note)
        # nothing left in any reviewer's inbox
        self.assertFalse(
            record.sudo().review_ids.filtered(lambda r: r.status in ("waiting", "pending"))
        )

    def _project(self, name):
        project = self.env["project.project"].create(
            {"name": name, "user_id": self.pm.id, "date_start": "2026-03-02"}
        )
        self.env["project.task"].create(
            {
                "name": f"{name} analysis",
                "project_id": project.id,
                "date_deadline": "2026-03-20 17:00:00",
                "allocated_hours": 40.0,
            }
        )
        return project.with_user(self.pm)

    def _in_execution(self, name):
        project = self._project(name)
        meet_start_requirements(project)  # DR1: an approved budget
        project.action_ps_request_initiation()
        project.ps_gate_ids.with_user(self.pmo).validate_tier()
        project.action_ps_request_plan()
        project.ps_gate_ids.filtered(lambda g: g.gate_type == "plan").with_user(
            self.pmo
        ).validate_tier()
        self.assertEqual(project.ps_phase, "execution")
        return project

    def _change_request(self, project):
        action = project.action_ps_new_change_request()
        gate = self.env["ps.project.gate"].with_user(self.pm).browse(action["res_id"])
        gate.write(
            {
                "reason": "The client adds two subsidiaries",
                "impact": "Two more weeks of fieldwork",
                "change_line_ids": [
                    Command.create(
                        {
                            "task_id": project.task_ids.id,
                            "new_date_deadline": "2026-04-03 17:00:00",
                            "new_hours": 60.0,
                        }
                    )
                ],
            }
        )
        gate.action_ps_submit()
        return gate

    def _budget(self, project):
        budget = (
            self.env["ps.project.budget"]
            .with_user(self.pm)
            .create(
                {
                    "project_id": project.id,
                    "line_ids": [Command.create({"category_id": self.travel.id, "amount": 8000})],
                }
            )
        )
        budget.action_submit()
        return budget

    def _payment_request(self, project):
        request = (
            self.env["ps.payment.request"]
            .with_user(self.pm)
            .create(
                {
                    "project_id": project.id,
                    "partner_id": self.supplier.id,
                    "category_id": self.travel.id,
                    "amount": 1200.0,
                    "description": "Venue for the workshop",
                }
            )
        )
        request.action_submit()
        return request

    def _passage(self):
        gate = self.env["ps.ltc.gate"].create(
            {
                "name": "Deal approval (outcome)",
                "gate_type": "quote_to_deal",
                "stage_id": self.env.ref("crm.stage_lead4").id,
                "requires_approval": True,
            }
        )
        lead = self.env["crm.lead"].create(
            {"name": "Outcome deal", "type": "opportunity", "user_id": self.salesman.id}
        )
        lead.with_user(self.salesman).action_ps_request_gate_approval()
        passage = lead.ps_gate_passage_ids.filtered(lambda p: p.gate_id == gate)
        self.assertEqual(passage.state, "draft")
        return lead, passage

    # -- approved: the document moves on by itself -------------------------------
    def test_the_last_approval_approves_the_invoice_request_and_tells_its_author(self):
        self.salesman.notification_type = "inbox"  # notified in Odoo, not by email
        request = self._submitted_request(self._signed())
        request.with_user(self.finance).validate_tier()
        self.assertEqual((request.state, request.approved_by_id), ("approved", self.finance))
        told = self._told(request, self.salesman, "was approved by")
        self.assertEqual(len(told), 1)
        self.assertIn("It is now: Approved", told.body)
        self.assertEqual(told.author_id, self.finance.partner_id)
        self.assertIn(request.with_user(self.salesman).message_ids[:1], told)
        self.assertTrue(told.with_user(self.salesman).needaction)

    def test_the_last_approval_makes_the_contract_ready_to_sign(self):
        contract = self._contract(self.salesman)
        contract.action_submit_review()
        contract.with_user(self.director).validate_tier()
        self.assertEqual((contract.state, contract.validation_status), ("review", "validated"))
        told = self._told(contract, self.salesman, "was approved by")
        self.assertEqual(len(told), 1)
        self.assertIn("it is yours to take on", told.body)
        todo = contract.activity_ids.filtered(lambda a: a.user_id == self.salesman)
        self.assertEqual(todo.summary, "Approved: record the customer's signature")
        contract.action_sign()
        self.assertEqual(contract.state, "signed")

    def test_the_last_approval_passes_the_change_request_and_applies_it(self):
        project = self._in_execution("Outcome change")
        task = project.task_ids
        gate = self._change_request(project)
        self.assertEqual(gate.state, "draft")
        self.assertEqual(str(task.date_deadline), "2026-03-20 17:00:00")
        gate.with_user(self.pmo).validate_tier()
        self.assertEqual(gate.state, "approved")
        task.invalidate_recordset()
        self.assertEqual(str(task.date_deadline), "2026-04-03 17:00:00")
        self.assertEqual(task.allocated_hours, 60.0)
        self.assertEqual(str(task.ps_baseline_deadline), "2026-04-03 17:00:00")
        self.assertEqual(project.ps_baseline_version, 2)
        self.assertEqual(len(self._told(gate, self.pm, "was approved by")), 1)

    def test_the_last_approval_approves_the_budget(self):
        budget = self._budget(self._project("Outcome budget"))
        self.assertEqual(budget.state, "submitted")
        budget.with_user(self.pmo).validate_tier()
        self.assertEqual(budget.state, "approved")
        self.assertTrue(budget.date_approved)
        self.assertEqual(len(self._told(budget, self.pm, "was approved by")), 1)

    def test_the_last_approval_approves_the_payment_request(self):
        request = self._payment_request(self._project("Outcome payment"))
        self.assertEqual(request.state, "submitted")
        request.with_user(self.finance).validate_tier()
        self.assertEqual(request.state, "approved")
        self.assertEqual(len(self._told(request, self.pm, "was approved by")), 1)

    def test_the_last_approval_passes_the_deal_gate_and_tells_the_salesperson(self):
        _lead, passage = self._passage()
        passage.with_user(self.director).validate_tier()
        self.assertEqual(passage.state, "passed")
        self.assertEqual(len(self._told(passage, self.salesman, "was approved by")), 1)

    # -- rejected: back to the requester's draft -----------------------------------
    def test_a_rejected_invoice_request_comes_back_with_the_reason(self):
        request = self._submitted_request(self._signed())
        self._reject(request, self.finance, "Wrong milestone amount")
        self._assert_back_to_requester(request, self.salesman, "Wrong milestone amount")
        self.assertFalse(self._told(request, self.salesman, "was approved by"))

    def test_a_rejected_contract_comes_back_with_the_reason(self):
        contract = self._contract(self.salesman)
        contract.action_submit_review()
        self._reject(contract, self.director, "Payment terms too long")
        contract.invalidate_recordset()
        self.assertEqual(contract.state, "draft")
        told = self._told(contract, self.salesman, "Payment terms too long")
        self.assertEqual(len(told), 1)
        self.assertEqual(
            len(contract.activity_ids.filtered(lambda a: a.user_id == self.salesman)), 1
        )

    def test_a_rejected_change_request_comes_back_and_changes_nothing(self):
        project = self._in_execution("Outcome change rejected")
        task = project.task_ids
        gate = self._change_request(project)
        self._reject(gate, self.pmo, "Absorb it in the current plan")
        self._assert_back_to_requester(gate, self.pm, "Absorb it in the current plan")
        task.invalidate_recordset()
        self.assertEqual(str(task.date_deadline), "2026-03-20 17:00:00")
        self.assertEqual(project.ps_baseline_version, 1)
        # reworked and submitted again, it is reviewed afresh
        gate.write({"impact": "One more week only"})
        gate.action_ps_submit()
        self.assertIn(gate.validation_status, ("waiting", "pending"))
        gate.with_user(self.pmo).validate_tier()
        self.assertEqual(gate.state, "approved")

    def test_a_rejected_budget_comes_back_to_draft(self):
        budget = self._budget(self._project("Outcome budget rejected"))
        self._reject(budget, self.pmo, "Travel is overestimated")
        self._assert_back_to_requester(budget, self.pm, "Travel is overestimated")
        budget.line_ids.amount = 6000.0  # the manager reworks the draft
        budget.action_submit()
        self.assertEqual(budget.state, "submitted")
        self.assertIn(budget.validation_status, ("waiting", "pending"))

    def test_a_rejected_payment_request_comes_back_to_draft(self):
        request = self._payment_request(self._project("Outcome payment rejected"))
        self._reject(request, self.finance, "Attach the supplier's quote")
        self._assert_back_to_requester(request, self.pm, "Attach the supplier's quote")

    def test_a_rejected_deal_gate_comes_back_to_the_salesperson(self):
        lead, passage = self._passage()
        self._reject(passage, self.director, "Margin below 30 %")
        self._assert_back_to_requester(passage, self.salesman, "Margin below 30 %")
        # asking again sends the same passage to the reviewers afresh
        lead.with_user(self.salesman).action_ps_request_gate_approval()
        passage.invalidate_recordset()
        self.assertIn(passage.validation_status, ("waiting", "pending"))
        passage.with_user(self.director).validate_tier()
        self.assertEqual(passage.state, "passed")

    def test_the_requester_reads_the_outcome_in_their_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.salesman.lang = "zh_CN"
        request = self._submitted_request(self._signed())
        self._reject(request, self.finance, "Wrong amount")
        told = self._told(request, self.salesman, "Wrong amount")
        self.assertEqual(len(told), 1)
        self.assertNotIn("Rejected by", told.body)
        self.assertIn("驳回", told.body)

    def test_only_reviewers_decide_and_a_forged_key_does_not_skip_the_outcome(self):
        request = self._submitted_request(self._signed())
        with self.assertRaisesRegex(UserError, "another member of .* decides it"):
            request.with_user(self.salesman).validate_tier()
        self.assertEqual(request.state, "to_approve")
        forged = {"ps_moving_on": True, "ps_internal": True, "skip_validation_check": True}
        request.with_user(self.finance).with_context(**forged).validate_tier()
        self.assertEqual(request.state, "approved")
        self.assertEqual(len(self._told(request, self.salesman, "was approved by")), 1)
