package controllers

import javax.inject.Inject
import play.api.mvc._

class Auth @Inject() (cc: ControllerComponents) extends AbstractController(cc) {
  def logout = Action { Redirect("/").withNewSession }
}
