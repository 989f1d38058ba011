from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("connexion/", views.LoginView.as_view(), name="login"),
    path("deconnexion/", login_not_required(auth_views.LogoutView.as_view()), name="logout"),
    path("mot-de-passe/oubli/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "mot-de-passe/oubli/envoye/",
        auth_views.PasswordResetDoneView.as_view(template_name="registration/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "mot-de-passe/reinitialiser/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "mot-de-passe/reinitialise/",
        auth_views.PasswordResetCompleteView.as_view(template_name="registration/password_reset_complete.html"),
        name="password_reset_complete",
    ),
    path("mot-de-passe/changer/", views.PasswordChangeView.as_view(), name="password_change"),
    path("profil/", views.profile, name="profile"),
    path("profil/jeton/", views.regenerate_token, name="regenerate_token"),
    path("organisations/", views.organisation_list, name="organisation_list"),
    path("organisations/nouvelle/", views.organisation_form, name="organisation_create"),
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path("organisations/<int:pk>/modifier/", views.organisation_form, name="organisation_update"),
    path("administration/", views.admin_home, name="admin_home"),
    path("administration/utilisateurs/", views.user_list, name="user_list"),
    path("administration/utilisateurs/nouveau/", views.user_create, name="user_create"),
    path("administration/utilisateurs/<int:pk>/", views.user_detail, name="user_detail"),
    path("administration/utilisateurs/<int:pk>/modifier/", views.user_form, name="user_update"),
    path(
        "administration/utilisateurs/<int:user_pk>/rattachements/nouveau/",
        views.membership_form,
        name="membership_create",
    ),
    path(
        "administration/utilisateurs/<int:user_pk>/rattachements/<int:pk>/",
        views.membership_form,
        name="membership_update",
    ),
    path("administration/parametres/", views.mde_settings, name="mde_settings"),
    path("logo/", views.mde_logo, name="mde_logo"),
    path("administration/journal/", views.audit_log, name="audit_log"),
]
