from django import forms
from django.core.exceptions import ValidationError

from .models import AlertSettings, Webhook
from .webhooks import checked_addresses


class AlertSettingsForm(forms.ModelForm):
    class Meta:
        model = AlertSettings
        fields = ["email_mode"]
        labels = {"email_mode": "Email"}
        widgets = {"email_mode": forms.RadioSelect}


# A user's webhooks; more would be a mistake, or a way to make our workers post for someone.
MAX_WEBHOOKS = 5


class WebhookForm(forms.ModelForm):
    class Meta:
        model = Webhook
        fields = ["url"]
        labels = {"url": "Receiver URL"}
        help_texts = {"url": "An http:// or https:// address on a public host."}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_url(self) -> str:
        url = self.cleaned_data["url"]
        try:
            checked_addresses(url)
        except ValidationError as error:
            raise forms.ValidationError(error.messages[0]) from error
        return url

    def clean(self):
        if Webhook.objects.filter(user=self.user).count() >= MAX_WEBHOOKS:
            raise forms.ValidationError(f"You have {MAX_WEBHOOKS} webhooks; delete one first.")
        return super().clean()
