global using System.Collections.Immutable;
global using System.Net;
global using System.Net.Http.Json;
global using FlashSale.Tests.Infrastructure;
global using Xunit;
