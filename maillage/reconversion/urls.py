app_name = "reconversion"

urlpatterns: list = []
