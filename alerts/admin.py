"""Alerts in the admin: who follows what, each user's webhooks and their deliveries, and the
alerts told, for an administrator answering "why did I (not) get this?".

A webhook is made by its owner on /account/alerts/, where its secret is shown: the admin never
shows the secret and makes no webhooks, but may turn one off or back on. Deliveries and alerts
are a record of what happened, read only (deleting old ones is allowed)."""

from django.contrib import admin

from .models import Alert, AlertSettings, Delivery, Follow, Webhook


class RecordAdmin(admin.ModelAdmin):
    """What happened, as it happened: read and deleted, never written by hand."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Follow)
class FollowAdmin(admin.ModelAdmin):
    list_display = ["user", "case", "proposal", "party", "created_at"]
    list_select_related = ["user", "case", "proposal", "party"]
    list_filter = ["created_at"]
    search_fields = ["user__username", "case__name", "proposal__title", "party__name"]
    autocomplete_fields = ["user", "case", "proposal", "party"]


@admin.register(AlertSettings)
class AlertSettingsAdmin(admin.ModelAdmin):
    list_display = ["user", "email_mode"]
    list_select_related = ["user"]
    list_filter = ["email_mode"]
    search_fields = ["user__username"]
    autocomplete_fields = ["user"]


@admin.register(Webhook)
class WebhookAdmin(admin.ModelAdmin):
    list_display = ["url", "user", "active", "consecutive_failures", "disabled_at", "created_at"]
    list_select_related = ["user"]
    list_filter = ["active"]
    search_fields = ["url", "user__username"]
    fields = ["user", "url", "active", "consecutive_failures", "disabled_at", "created_at"]
    readonly_fields = ["user", "url", "created_at"]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(Delivery)
class DeliveryAdmin(RecordAdmin):
    list_display = ["at", "webhook", "event", "attempt", "status_code", "error", "duration_ms"]
    list_select_related = ["webhook"]
    list_filter = ["event", "status_code"]
    search_fields = ["webhook__url", "error"]
    date_hierarchy = "at"


@admin.register(Alert)
class AlertAdmin(RecordAdmin):
    list_display = ["created_at", "user", "change", "entry", "case", "proposals", "sent_at"]
    list_select_related = ["user", "entry", "case"]
    list_filter = ["change", "sent_at"]
    search_fields = ["user__username"]
    date_hierarchy = "created_at"
    raw_id_fields = ["entry", "correction", "case", "article"]
