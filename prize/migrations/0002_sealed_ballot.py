"""The sealed ballot: choices sealed with each ballot's public key, totals stored by the
count, and the ballot's state and outcome history.

Existing votes move to the new table in a random order (so not even the old rows keep
their casting order): a closed ballot's choices become its totals and only their
receipts are kept; an open ballot gets a key pair now and its choices are sealed."""

import django.db.models.deletion
import django.utils.timezone
import random
import uuid
from django.conf import settings
from django.db import migrations, models

from prize import sealing


def seal_existing_votes(apps, schema_editor):
    Ballot = apps.get_model("prize", "Ballot")
    BallotChoice = apps.get_model("prize", "BallotChoice")
    BallotTotal = apps.get_model("prize", "BallotTotal")
    SealedVote = apps.get_model("prize", "SealedVote")
    StateChange = apps.get_model("prize", "BallotStateChange")
    OutcomeChange = apps.get_model("prize", "BallotOutcomeChange")
    shuffle = random.SystemRandom().shuffle
    for ballot in Ballot.objects.all():
        StateChange.objects.create(
            ballot=ballot,
            from_state="",
            to_state="open",
            changed_by_id=ballot.opened_by_id,
            changed_at=ballot.opened_at,
        )
        choices = list(
            BallotChoice.objects.filter(ballot=ballot).values_list("finalist_id", "receipt_hash")
        )
        shuffle(choices)
        if ballot.state == "open":
            ballot.public_key = sealing.keypair_new()
            ballot.save(update_fields=["public_key"])
            sealed = [
                sealing.seal(public_key=ballot.public_key, finalist_id=f) for f, _h in choices
            ]
        else:
            counts = {}
            for finalist_id, _hash in choices:
                counts[finalist_id] = counts.get(finalist_id, 0) + 1
            BallotTotal.objects.bulk_create(
                BallotTotal(ballot=ballot, finalist_id=f, votes=counts.get(f, 0))
                for f in ballot.options.values_list("pk", flat=True)
            )
            sealed = [""] * len(choices)
            StateChange.objects.create(
                ballot=ballot,
                from_state="open",
                to_state="closed",
                changed_by_id=ballot.closed_by_id,
                changed_at=ballot.closed_at or ballot.opened_at,
            )
            if ballot.outcome != "pending":
                OutcomeChange.objects.create(
                    ballot=ballot,
                    from_outcome="pending",
                    to_outcome=ballot.outcome,
                    changed_by_id=ballot.decided_by_id or ballot.closed_by_id,
                    changed_at=ballot.closed_at or ballot.opened_at,
                )
        SealedVote.objects.bulk_create(
            SealedVote(ballot=ballot, sealed=text, receipt_hash=receipt_hash)
            for (_f, receipt_hash), text in zip(choices, sealed, strict=True)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("prize", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="ballot",
            name="public_key",
            field=models.CharField(blank=True, editable=False, max_length=64),
        ),
        migrations.CreateModel(
            name="BallotOutcomeChange",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("changed_at", models.DateTimeField(default=django.utils.timezone.now)),
                ("reason", models.TextField(blank=True)),
                (
                    "from_outcome",
                    models.CharField(
                        choices=[
                            ("pending", "Not counted yet"),
                            ("winner", "A winner"),
                            ("tie", "A tie"),
                            ("board_decided", "Tie decided by the Board"),
                        ],
                        max_length=20,
                    ),
                ),
                (
                    "to_outcome",
                    models.CharField(
                        choices=[
                            ("pending", "Not counted yet"),
                            ("winner", "A winner"),
                            ("tie", "A tie"),
                            ("board_decided", "Tie decided by the Board"),
                        ],
                        max_length=20,
                    ),
                ),
                (
                    "ballot",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="outcome_changes",
                        to="prize.ballot",
                    ),
                ),
                (
                    "changed_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "ballot outcome change",
                "verbose_name_plural": "ballot outcome changes",
                "ordering": ["changed_at", "pk"],
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="BallotStateChange",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("changed_at", models.DateTimeField(default=django.utils.timezone.now)),
                ("reason", models.TextField(blank=True)),
                (
                    "from_state",
                    models.CharField(
                        blank=True, choices=[("open", "Open"), ("closed", "Closed")], max_length=10
                    ),
                ),
                (
                    "to_state",
                    models.CharField(
                        choices=[("open", "Open"), ("closed", "Closed")], max_length=10
                    ),
                ),
                (
                    "ballot",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="state_changes",
                        to="prize.ballot",
                    ),
                ),
                (
                    "changed_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "ballot state change",
                "verbose_name_plural": "ballot state changes",
                "ordering": ["changed_at", "pk"],
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="BallotTotal",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("votes", models.PositiveIntegerField()),
                (
                    "ballot",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="totals",
                        to="prize.ballot",
                    ),
                ),
                (
                    "finalist",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="prize.finalist",
                    ),
                ),
            ],
            options={
                "verbose_name": "ballot total",
                "verbose_name_plural": "ballot totals",
                "ordering": ["ballot", "-votes", "finalist__slot"],
            },
        ),
        migrations.CreateModel(
            name="SealedVote",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("sealed", models.CharField(blank=True, max_length=100)),
                ("receipt_hash", models.CharField(max_length=64, unique=True)),
                (
                    "ballot",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="sealed_votes",
                        to="prize.ballot",
                    ),
                ),
            ],
            options={
                "verbose_name": "sealed vote",
                "verbose_name_plural": "sealed votes",
                "ordering": ["receipt_hash"],
            },
        ),
        migrations.AddConstraint(
            model_name="ballottotal",
            constraint=models.UniqueConstraint(
                fields=("ballot", "finalist"), name="prize_ballot_total_once"
            ),
        ),
        migrations.RunPython(seal_existing_votes, migrations.RunPython.noop, elidable=True),
        migrations.DeleteModel(
            name="BallotChoice",
        ),
    ]
