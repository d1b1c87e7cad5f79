class SessionsController < ApplicationController
  def destroy
    reset_session
    cookies.delete(:remember_token)
    redirect_to root_path
  end
end
