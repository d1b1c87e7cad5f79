using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

public class CartController : Controller
{
    public IActionResult Clear()
    {
        HttpContext.Session.Remove("cart");
        return RedirectToAction("Index");
    }
}
