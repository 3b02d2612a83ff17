from datetime import date
from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, TransactionCase, new_test_user, tagged

from odoo.addons.ps_knowledge.models.ps_certificate import PsCertificate


@tagged("post_install", "-at_install")
class TestPsCertificate(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.employee_user = new_test_user(cls.env, login="ps_cert_emp", groups="base.group_user")
        cls.other_user = new_test_user(cls.env, login="ps_cert_other", groups="base.group_user")
        cls.manager = new_test_user(
            cls.env, login="ps_cert_km", groups="ps_knowledge.group_ps_knowledge_manager"
        )
        cls.employee = cls.env["hr.employee"].create(
            {"name": "Lin Wei", "user_id": cls.employee_user.id}
        )
        cls.other_employee = cls.env["hr.employee"].create(
            {"name": "Chen Jie", "user_id": cls.other_user.id}
        )
        cls.licence_type = cls.env["ps.certificate.type"].create(
            {"name": "Audit licence", "reminder_days": "90,30,7", "expiring_days": 60}
        )
        cls.qualification = cls.env["ps.certificate.type"].create(
            {"name": "CPA", "holder_type": "employee", "reminder_days": "30"}
        )
        Cert = cls.env["ps.certificate"]
        # registered on 2025-11-01; the tests move forward from there
        cls.startClassPatcher(freeze_time("2025-11-01"))
        cls.licence = Cert.create(
            {
                "name": "Audit practice licence",
                "type_id": cls.licence_type.id,
                "number": "AL-001",
                "issuer": "Ministry of Finance",
                "date_issue": date(2024, 1, 1),
                "date_expiry": date(2026, 3, 21),
                "user_id": cls.manager.id,
            }
        )
        cls.cpa = Cert.create(
            {
                "name": "CPA Lin Wei",
                "type_id": cls.qualification.id,
                "employee_id": cls.employee.id,
                "date_expiry": date(2027, 1, 1),
            }
        )
        cls.cpa_other = Cert.create(
            {
                "name": "CPA Chen Jie",
                "type_id": cls.qualification.id,
                "employee_id": cls.other_employee.id,
                "date_expiry": date(2027, 1, 1),
            }
        )

    def _activities(self, cert):
        return self.env["mail.activity"].search(
            [("res_model", "=", "ps.certificate"), ("res_id", "=", cert.id)]
        )

    def test_states(self):
        """Valid, expiring within the type's window, expired, as the days pass."""
        Cert = self.env["ps.certificate"]
        with freeze_time("2025-12-01"):
            Cert._cron_ps_certificate_reminders()
            self.assertEqual(self.licence.state, "valid")
        with freeze_time("2026-02-01"):
            Cert._cron_ps_certificate_reminders()
            self.assertEqual(self.licence.state, "expiring")
        with freeze_time("2026-03-22"):
            Cert._cron_ps_certificate_reminders()
            self.assertEqual(self.licence.state, "expired")

    def test_reminders_once(self):
        """The cron raises each reminder once: running it twice adds nothing;
        the next lead time raises the next one."""
        Cert = self.env["ps.certificate"]
        with freeze_time("2026-02-01"):  # 48 days left: the 90-day reminder is due
            Cert._cron_ps_certificate_reminders()
            Cert._cron_ps_certificate_reminders()
            activities = self._activities(self.licence)
            self.assertEqual(len(activities), 1)
            self.assertEqual(activities.user_id, self.manager)
            self.assertEqual(self.licence.reminder_ids.mapped("lead_days"), [90])
        with freeze_time("2026-02-25"):  # 24 days left
            Cert._cron_ps_certificate_reminders()
            Cert._cron_ps_certificate_reminders()
            self.assertEqual(len(self._activities(self.licence)), 2)
        with freeze_time("2026-03-16"):  # 5 days left
            Cert._cron_ps_certificate_reminders()
            Cert._cron_ps_certificate_reminders()
            self.assertEqual(len(self._activities(self.licence)), 3)
            self.assertFalse(self.licence.next_reminder_date)
        with freeze_time("2026-04-30"):
            Cert._cron_ps_certificate_reminders()
            self.assertEqual(len(self._activities(self.licence)), 3)

    def test_late_registration_one_reminder(self):
        """A certificate registered 5 days before expiry gets one reminder, not three."""
        with freeze_time("2026-03-16"):
            self.env["ps.certificate"]._cron_ps_certificate_reminders()
            self.assertEqual(len(self._activities(self.licence)), 1)
            self.assertEqual(sorted(self.licence.reminder_ids.mapped("lead_days")), [7, 30, 90])
            self.assertEqual(self.licence.reminder_ids.filtered("activity_id").lead_days, 7)

    def test_bad_record_does_not_stop_the_run(self):
        """A certificate whose reminder fails is skipped; the others get theirs."""
        original = PsCertificate._ps_send_reminder

        def send(cert, today):
            if cert == self.licence:
                raise ValueError("broken")
            return original(cert, today)

        with freeze_time("2026-12-20"), patch.object(PsCertificate, "_ps_send_reminder", send):
            self.env["ps.certificate"]._cron_ps_certificate_reminders()
        self.assertFalse(self._activities(self.licence))
        self.assertEqual(len(self._activities(self.cpa)), 1)
        self.assertEqual(len(self._activities(self.cpa_other)), 1)

    def test_renewal(self):
        """Renewal creates a new certificate linked to the old one, which is
        superseded and gets no more reminders."""
        action = self.licence.with_user(self.manager).action_renew()
        renewal = self.env["ps.certificate"].browse(action["res_id"])
        self.assertEqual(renewal.previous_id, self.licence)
        self.assertEqual(self.licence.state, "renewed")
        self.assertFalse(self.licence.next_reminder_date)
        with self.assertRaises(UserError):
            self.licence.action_renew()
        with Form(renewal.with_user(self.manager)) as form:
            form.date_expiry = date(2031, 3, 21)
        self.assertEqual(renewal.state, "valid")

    def test_checkout_log(self):
        """An original is checked out once at a time and returned."""
        Checkout = self.env["ps.certificate.checkout"].with_user(self.manager)
        out = Checkout.create({"certificate_id": self.licence.id, "purpose": "Tender"})
        self.assertTrue(self.licence.checked_out)
        with self.assertRaises(UserError):
            Checkout.create({"certificate_id": self.licence.id, "purpose": "Bank"})
        out.action_return()
        self.assertFalse(self.licence.checked_out)
        with self.assertRaises(UserError):
            out.action_return()

    def test_checks(self):
        """Dates in order, an employee for employee certificates, lead times as numbers."""
        Cert = self.env["ps.certificate"]
        with self.assertRaises(ValidationError):
            Cert.create(
                {
                    "name": "Wrong",
                    "type_id": self.licence_type.id,
                    "date_issue": date(2026, 1, 1),
                    "date_expiry": date(2025, 1, 1),
                }
            )
        with self.assertRaises(ValidationError):
            Cert.create({"name": "Nobody", "type_id": self.qualification.id})
        with self.assertRaises(ValidationError):
            self.licence_type.reminder_days = "90, soon"

    def test_employee_access(self):
        """Employees read the firm's certificates and their own, not a
        colleague's, and change none of them."""
        Cert = self.env["ps.certificate"].with_user(self.employee_user)
        visible = Cert.search([])
        self.assertIn(self.licence, visible)
        self.assertIn(self.cpa, visible)
        self.assertNotIn(self.cpa_other, visible)
        with self.assertRaises(AccessError):
            self.licence.with_user(self.employee_user).write({"number": "X"})
        with self.assertRaises(AccessError):
            Cert.create({"name": "Mine", "type_id": self.licence_type.id})
        with self.assertRaises(AccessError):
            self.env["ps.certificate.checkout"].with_user(self.employee_user).create(
                {"certificate_id": self.licence.id, "purpose": "Take it"}
            )
        with self.assertRaises(AccessError):
            self.env["ps.certificate.reminder"].with_user(self.employee_user).search([])
        self.assertIn(self.cpa_other, self.env["ps.certificate"].with_user(self.manager).search([]))
